namespace Qingshan.Kernel;

/// <summary>
/// An expected business refusal. <see cref="Code"/> is stable (<c>module.subject.reason</c>) and maps
/// to exactly one zh-CN message in the web host; <see cref="Args"/> fill that message's placeholders.
/// </summary>
public sealed record Error(string Code, params object?[] Args)
{
    /// <summary>Where the refusal points (an import row, a field, a layer): optional.</summary>
    public string? Target { get; init; }

    public Error At(string target) => this with { Target = target };

    public override string ToString() => Target is null ? Code : $"{Code} @ {Target}";
}

/// <summary>Outcome of an operation that can be refused for a business reason.</summary>
public readonly record struct Result
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public bool IsFailure => Error is not null;

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result(Error error) => Failure(error);
}

/// <summary>Outcome carrying a value on success.</summary>
public readonly record struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public bool IsFailure => Error is not null;

    /// <summary>The value; reading it from a failure is a bug and throws.</summary>
    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"Result is a failure: {Error}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(Value) : Result<TOut>.Failure(Error!);
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qingshan.Kernel;

namespace Qingshan.Web.Errors;

/// <summary>Maps a refusal to HTTP once: not found → 404, everything else → 422, with the stable code as an extension.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult From(Error error)
    {
        var status = error.Code.EndsWith(".not_found", StringComparison.Ordinal) ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        var problem = new ProblemDetails { Status = status, Title = ErrorMessages.For(error), Type = "https://qingshan.invalid/errors/" + error.Code };
        problem.Extensions["code"] = error.Code;
        if (error.Target is not null)
        {
            problem.Extensions["target"] = error.Target;
        }

        return TypedResults.Problem(problem);
    }
}

/// <summary>The single handler for anything unexpected: a 500 ProblemDetails with the trace id, logged once.</summary>
public sealed class UnexpectedExceptionHandler(ILogger<UnexpectedExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled exception for {Path}", httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var problem = new ProblemDetails { Status = 500, Title = "系统内部错误，请联系管理员并提供追踪号" };
        problem.Extensions["traceId"] = httpContext.TraceIdentifier;
        await httpContext.Response.WriteAsJsonAsync(problem, cancellationToken);
        return true;
    }
}

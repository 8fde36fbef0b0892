using Qingshan.Kernel;
using Qingshan.Valuation;

namespace Qingshan.Accounting;

/// <summary>Every refusal the accounting module can give. Messages live in the web host's zh-CN table.</summary>
public static class AccountingErrors
{
    public static Error ParameterSetNotFound(string id) => new("accounting.parameter_set.not_found", id);
    public static Error ParameterSetVersionTaken(string version) => new("accounting.parameter_set.version_taken", version);
    public static Error ParameterSetInUse(string version) => new("accounting.parameter_set.in_use", version);
    public static Error ParameterSetNotApproved(string version) => new("accounting.parameter_set.not_approved", version);
    public static Error ParameterSetAlreadyApproved(string version) => new("accounting.parameter_set.already_approved", version);
    public static Error ParameterSetInvalid(string reason) => new("accounting.parameter_set.invalid", reason);
    public static Error ParameterSetApproverIsAuthor() => new("accounting.parameter_set.approver_is_author");

    public static Error RunNotFound(string id) => new("accounting.run.not_found", id);
    public static Error RunFrozen() => new("accounting.run.frozen");
    public static Error RunWrongState(string status) => new("accounting.run.wrong_state", status);
    public static Error RunRoleNotAllowed(string step) => new("accounting.run.role_not_allowed", step);
    public static Error RunReviewerIsPreparer() => new("accounting.run.reviewer_is_preparer");
    public static Error RunApproverIsPreparerOrReviewer() => new("accounting.run.approver_is_preparer_or_reviewer");
    public static Error RunCommentRequired() => new("accounting.run.comment_required");
    public static Error RunYearInvalid(int year) => new("accounting.run.year_invalid", year);
    public static Error RunMethodUnknown(string method) => new("accounting.run.method_unknown", method);
    public static Error RunWatershedNotFound(string id) => new("accounting.run.watershed_not_found", id);
    public static Error RunWatershedHasNoPlots(string code) => new("accounting.run.watershed_has_no_plots", code);
    public static Error RunNotComputed() => new("accounting.run.not_computed");

    public static Error InputEmpty() => new("accounting.input.empty");
    public static Error InputUnreadable(string reason) => new("accounting.input.unreadable", reason);
    public static Error InputPlotCodeMissing() => new("accounting.input.plot_code_missing");
    public static Error InputColumnUnknown(string column) => new("accounting.input.column_unknown", column);
    public static Error InputValueInvalid(string plot, string column, string text) => new Error("accounting.input.value_invalid", plot, column, text).At(plot);
    public static Error InputValueNegative(string plot, string column, decimal value) => new Error("accounting.input.value_negative", plot, column, value).At(plot);
    public static Error InputPlotDuplicate(string plot) => new Error("accounting.input.plot_duplicate", plot).At(plot);
    public static Error InputPlotNotInWatershed(string plot, string watershed) => new Error("accounting.input.plot_not_in_watershed", plot, watershed).At(plot);
    public static Error InputPlotAttributesMissing(string plot, string column) => new Error("accounting.input.plot_attributes_missing", plot, column).At(plot);
    public static Error InputQuantityConflict(string plot, string kind) => new Error("accounting.input.quantity_conflict", plot, kind).At(plot);

    /// <summary>An engine refusal or warning (codes of <see cref="ValuationCodes"/>) as a module error naming its target.</summary>
    public static Error FromIssue(ValidationIssue issue) => new Error(issue.Code, issue.Args).At(issue.Target);
}

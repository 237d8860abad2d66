using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Polly.Timeout;

namespace PledgeBot.Crm;

/// <summary>How a CRM's HTTP answer (or the lack of one) becomes a delivery's outcome, the same for every destination.</summary>
public static class CrmHttpAnswers
{
    /// <summary>Returns the 2xx status, or throws what went wrong, with the status's standard name as the reason.</summary>
    /// <param name="alsoFine">Statuses that mean done for this call (a 404 for deleting someone already gone).</param>
    public static int EnsureDelivered(HttpResponseMessage response, params HttpStatusCode[] alsoFine)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode || alsoFine.Contains(response.StatusCode))
        {
            return status;
        }

        throw Refused(response, StatusName(status));
    }

    /// <summary>A status's standard name ("Bad Request"), the reason kept when the CRM's own text cannot be trusted to name nobody.</summary>
    public static string StatusName(int status) =>
        ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "HTTP " + status;

    /// <summary>
    /// A refusal: slow-down answers, server errors and credentials that may yet be fixed are tried
    /// again later; any other 4xx says this record will never be taken as it is.
    /// </summary>
    public static CrmDeliveryException Refused(HttpResponseMessage response, string reason)
    {
        var status = (int)response.StatusCode;
        var tryAgain = status is 401 or 403 or 408 or 425 or 429 || status >= 500;
        return new CrmDeliveryException(status, reason, RetryAfterHeader.Of(response), permanent: !tryAgain);
    }

    /// <summary>No answer at all: a timeout or a connection that failed. The CRM may have taken the call, which the idempotency key makes safe to repeat.</summary>
    public static CrmDeliveryException Unanswered(Exception problem) => problem switch
    {
        TimeoutRejectedException or TaskCanceledException or TimeoutException => new CrmDeliveryException(null, "timed out", inner: problem),
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => new CrmDeliveryException(null, "host name not found", inner: problem),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => new CrmDeliveryException(null, "could not connect", inner: problem),
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => new CrmDeliveryException(null, "TLS failed", inner: problem),
        HttpRequestException => new CrmDeliveryException(null, "connection failed", inner: problem),
        _ => new CrmDeliveryException(null, problem.GetType().Name, inner: problem),
    };
}

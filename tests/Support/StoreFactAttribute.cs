using Xunit.Abstractions;
using Xunit.Sdk;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A test of a store's behaviour, written once in an abstract class and run by each database's
/// class that derives from it. In a class marked <see cref="IRunsOnPostgres"/> it is skipped like a
/// <see cref="PostgresFactAttribute"/> test where there is no PostgreSQL server (never in CI).
/// </summary>
[XunitTestCaseDiscoverer("PledgeBot.Tests.Support.StoreFactDiscoverer", "PledgeBot.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Marks a test class whose store runs on the PostgreSQL server of <see cref="PostgresServer"/>.</summary>
public interface IRunsOnPostgres;

/// <summary>Finds a <see cref="StoreFactAttribute"/> test; the attribute is one per method, so the class it runs in is known only here.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var onPostgres = typeof(IRunsOnPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType());
        if (onPostgres && PostgresServer.SkipReason is { } reason)
        {
            yield return new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason);
        }
        else
        {
            yield return new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
        }
    }
}

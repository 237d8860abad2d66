using PledgeBot.DirectLine;

namespace PledgeBot.Tests.DirectLine;

public sealed class InMemoryDirectLineConversationsTests : DirectLineConversationsTests
{
    protected override Task<IDirectLineConversations> CreateStoreAsync(DirectLineOptions options) =>
        Task.FromResult<IDirectLineConversations>(new DirectLineConversations(options, Clock));
}

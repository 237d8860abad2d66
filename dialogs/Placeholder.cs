namespace PledgeBot.Dialogs; public static class Placeholder { public static Microsoft.Bot.Builder.IStorage? S; }

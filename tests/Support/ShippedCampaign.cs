using PledgeBot.Dialogs.Content;

namespace PledgeBot.Tests.Support;

/// <summary>The campaign the project ships, as copied beside the tests by the build.</summary>
public static class ShippedCampaign
{
    public static string ContentFile => Path.Combine(AppContext.BaseDirectory, "campaign", "campaign.json");

    public static CampaignContent Load() => CampaignContentLoader.Load(ContentFile);

    /// <summary>The shipped campaign with an end date, copied with its pictures into <paramref name="folder"/>; returns the content file.</summary>
    public static string CopyWithEndDate(string folder, string endsOn) => CopyWith(folder, json => json["endsOn"] = endsOn);

    /// <summary>The shipped campaign, changed by <paramref name="change"/>, copied with its pictures into <paramref name="folder"/>; returns the content file.</summary>
    public static string CopyWith(string folder, Action<System.Text.Json.Nodes.JsonNode> change)
    {
        var images = Path.Combine(folder, "images");
        Directory.CreateDirectory(images);
        foreach (var image in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(ContentFile)!, "images")))
        {
            File.Copy(image, Path.Combine(images, Path.GetFileName(image)), overwrite: true);
        }

        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ContentFile))!;
        change(json);
        var file = Path.Combine(folder, "campaign.json");
        File.WriteAllText(file, json.ToJsonString());
        return file;
    }
}

// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The release key the transcripts' updater trusts: the public point (SEC 1 uncompressed) of the P-256 key that
    /// TestPackages.Key(Seed) derives. Only the recorder signs; the transcripts carry the packages it signed.
    /// </summary>
    public static class OtaKey
    {
        public const int Seed = 4242;

        public const string PublicPoint = "04C109356C3486672993FEBC6EFDADAA0B98C9D086F7B5459976403EBBD3EBD4404A6A8D7D01A7C9D9ACA38EDCE581F5432082B6231926ADE730BFBBEACC0070F9";
    }
}

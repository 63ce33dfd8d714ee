namespace EnergyLogger.Core.Cloud
{
    /// <summary>Software offers as the cloud sent them (a CMX_OTA config, a custom-MQTT offer); the OTA updater decides and reports.</summary>
    public interface IUpdateOffers
    {
        void Offer(byte[] json, int offset, int count);
    }
}

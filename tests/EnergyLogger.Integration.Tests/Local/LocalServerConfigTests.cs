using System.Net.Sockets;
using EnergyLogger.Core.Local;
using Xunit;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// The cloud config turns the local server on, moves it and hands it back to the settings, without a restart, while
/// the logger polls and publishes (docs/local-access.md, "Turning it on").
/// </summary>
public sealed class LocalServerConfigTests : IAsyncLifetime
{
    private LocalRig? _rig;

    private LocalRig Rig => _rig!;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: false);
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    private bool Listening()
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", Rig.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public void CloudConfig_LocalOnThenWithoutLocal_ServerStartsServesThenStopsWithoutARestart()
    {
        Assert.False(Listening());

        Rig.PushConfig("local-on", ",\"local\":{\"modbus\":\"on\",\"port\":" + Rig.Port + ",\"unit\":5}");
        Rig.Logger.WaitFor(l => l.Contains("src=local msg=\"modbus tcp server listening\"", StringComparison.Ordinal), LocalRig.Patience);
        ushort[]? header = null;
        Assert.True(EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder.WaitUntil(() =>
        {
            try
            {
                header = LocalPeers.Mbpoll(Rig.Port, 3, 0, FlatBlock.HeaderRegisters, unit: 5);
                return true;
            }
            catch (InvalidOperationException)
            {
                // Exception 06 until the next cycle has been published.
                return false;
            }
        }, LocalRig.Patience), Rig.Logger.Log);
        Assert.Equal([1, 1], header![..2]);

        // A config without "local": the settings decide again, and they leave the server off.
        Rig.PushConfig("local-default", "");
        Assert.True(EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder.WaitUntil(() => !Listening(), LocalRig.Patience), Rig.Logger.Log);
        Assert.Single(Rig.Logger.Lines, l => l.Contains("msg=starting mode=normal", StringComparison.Ordinal));
    }
}

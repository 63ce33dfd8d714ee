using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>RELIABILITY S1 for the settings record: torn, corrupt, empty and unknown-version files.</summary>
public class SettingsRepositoryTests
{
    private readonly PowerCutFileStore _store = new();

    private static DeviceSettings Named(string ssid)
    {
        DeviceSettings settings = SettingsSamples.Complete();
        SettingsSamples.Set(settings, SettingFields.WifiSsid, ssid);
        return settings;
    }

    private (SettingsSource Source, DeviceSettings Settings, SettingsRepository Repository) LoadFresh()
    {
        // A new repository on the same store: what the next boot sees.
        var repository = new SettingsRepository(_store);
        SettingsSource source = repository.Load(out DeviceSettings settings);
        return (source, settings, repository);
    }

    [Fact]
    public void Load_NothingStored_GivesDefaults()
    {
        var (source, settings, repository) = LoadFresh();

        Assert.Equal(SettingsSource.Defaults, source);
        Assert.True(settings.SameAs(new DeviceSettings()));
        Assert.Equal(0, repository.BadRecords);
    }

    [Fact]
    public void Save_ThenLoad_GivesTheSameSettings()
    {
        DeviceSettings saved = Named("First");
        Assert.True(new SettingsRepository(_store).Save(saved));

        var (source, loaded, repository) = LoadFresh();

        Assert.Equal(SettingsSource.Current, source);
        Assert.True(loaded.SameAs(saved));
        Assert.Equal(1u, repository.Sequence);
        Assert.Equal([SettingsRepository.CurrentName], _store.Names);
    }

    [Fact]
    public void Save_Twice_KeepsThePreviousRecordAndCountsOn()
    {
        new SettingsRepository(_store).Save(Named("First"));
        new SettingsRepository(_store).Save(Named("Second"));

        var (_, loaded, repository) = LoadFresh();

        Assert.Equal("Second", loaded.WifiSsid);
        Assert.Equal(2u, repository.Sequence);
        Assert.Equal([SettingsRepository.PreviousName, SettingsRepository.CurrentName], _store.Names);
    }

    public static TheoryData<string, byte[], RecordStatus> BadCurrent => new()
    {
        { "empty file", [], RecordStatus.Empty },
        { "foreign bytes", "garbage!garbage!garbage!"u8.ToArray(), RecordStatus.BadMagic },
        { "torn", "ELSR\u0001\0\0\0\u0009\u0001\u0000"u8.ToArray(), RecordStatus.Truncated },
    };

    [Theory]
    [MemberData(nameof(BadCurrent))]
    public void S1_BadCurrentRecord_FallsBackToLastGoodAndCounts(string what, byte[] current, RecordStatus reason)
    {
        new SettingsRepository(_store).Save(Named("First"));
        new SettingsRepository(_store).Save(Named("Second"));
        _store.Put(SettingsRepository.CurrentName, current);

        var (source, loaded, repository) = LoadFresh();

        Assert.True(source == SettingsSource.LastGood, what);
        Assert.Equal("First", loaded.WifiSsid);
        Assert.Equal(1, repository.BadRecords);
        Assert.Equal(reason, repository.LastBadRecord);
    }

    [Fact]
    public void S1_CurrentWithFlippedByteOrNewerVersion_FallsBackToLastGood()
    {
        new SettingsRepository(_store).Save(Named("First"));
        new SettingsRepository(_store).Save(Named("Second"));
        byte[] flipped = _store.Bytes(SettingsRepository.CurrentName);
        flipped[20] ^= 0x01;
        _store.Put(SettingsRepository.CurrentName, flipped);

        var (source, loaded, repository) = LoadFresh();
        Assert.Equal(SettingsSource.LastGood, source);
        Assert.Equal("First", loaded.WifiSsid);
        Assert.Equal(RecordStatus.BadCrc, repository.LastBadRecord);

        byte[] newer = _store.Bytes(SettingsRepository.PreviousName);
        newer[4] = 9;
        _store.Put(SettingsRepository.CurrentName, newer);
        Assert.Equal(RecordStatus.UnknownVersion, LoadFresh().Repository.LastBadRecord);
    }

    [Fact]
    public void S1_BothRecordsBad_GivesDefaultsAndCountsTwo()
    {
        _store.Put(SettingsRepository.CurrentName, [1, 2, 3]);
        _store.Put(SettingsRepository.PreviousName, []);

        var (source, settings, repository) = LoadFresh();

        Assert.Equal(SettingsSource.Defaults, source);
        Assert.False(SettingsCheck.IsComplete(settings));
        Assert.Equal(2, repository.BadRecords);
    }

    [Fact]
    public void S1_PowerCutAtEveryStepOfASave_LeavesOldOrNewSettings()
    {
        for (int cut = 0; cut < 4; cut++)
        {
            foreach (bool tear in new[] { false, true })
            {
                var store = new PowerCutFileStore();
                new SettingsRepository(store).Save(Named("Old"));
                new SettingsRepository(store).Save(Named("Old"));
                store.ChangesBeforePowerCut = cut;
                store.TearAtCut = tear;
                bool saved = new SettingsRepository(store).Save(Named("New"));
                store.ChangesBeforePowerCut = -1;

                new SettingsRepository(store).Load(out DeviceSettings after);

                string expected = saved ? "New" : "Old";
                Assert.True(expected == after.WifiSsid, $"cut after {cut} changes, torn {tear}: {after.WifiSsid}");
            }
        }
    }

    [Fact]
    public void S1_SaveOverABadCurrentRecord_KeepsTheLastGoodOne()
    {
        new SettingsRepository(_store).Save(Named("First"));
        new SettingsRepository(_store).Save(Named("Second"));
        _store.Put(SettingsRepository.CurrentName, [0xFF, 0xFF]);

        Assert.True(new SettingsRepository(_store).Save(Named("Third")));
        _store.Put(SettingsRepository.CurrentName, []);

        var (source, loaded, _) = LoadFresh();
        Assert.Equal(SettingsSource.LastGood, source);
        Assert.Equal("First", loaded.WifiSsid);
    }

    [Fact]
    public void Save_FlashKeepsWrongBytes_FailsAndLeavesStoredSettings()
    {
        new SettingsRepository(_store).Save(Named("Old"));
        _store.CorruptWrites = true;

        Assert.False(new SettingsRepository(_store).Save(Named("New")));

        _store.CorruptWrites = false;
        var (source, loaded, _) = LoadFresh();
        Assert.Equal(SettingsSource.Current, source);
        Assert.Equal("Old", loaded.WifiSsid);
    }

    [Fact]
    public void Save_MediumRefuses_ReportsFailure()
    {
        _store.RefuseEverything = true;

        Assert.False(new SettingsRepository(_store).Save(Named("New")));
    }

    [Fact]
    public void Load_MediumRefuses_GivesDefaultsNeverThrows()
    {
        _store.RefuseEverything = true;

        Assert.Equal(SettingsSource.Defaults, LoadFresh().Source);
    }

    [Fact]
    public void WipeCredentials_AfterTwoSaves_RemovesCredentialsEverywhereAndKeepsTheRest()
    {
        DeviceSettings first = Named("First");
        SettingsSamples.Set(first, SettingFields.SerialBaud, "19200");
        new SettingsRepository(_store).Save(first);
        new SettingsRepository(_store).Save(Named("Second"));
        var before = LoadFresh();
        SettingsSamples.Set(before.Settings, SettingFields.SerialBaud, "19200");
        before.Repository.Save(before.Settings);

        Assert.True(new SettingsRepository(_store).WipeCredentials());

        Assert.Equal([SettingsRepository.CurrentName], _store.Names);
        var (source, after, _) = LoadFresh();
        Assert.Equal(SettingsSource.Current, source);
        foreach (SettingField field in SettingFields.All.Where(f => f.IsCredential))
        {
            Assert.False(after.IsSet(field), field.Name);
        }

        Assert.Equal(19200, after.SerialBaud);
        Assert.Equal("c0ffee-v1", after.KaaAppVersion);
        Assert.False(SettingsCheck.IsComplete(after));
        string stored = System.Text.Encoding.Latin1.GetString(_store.Bytes(SettingsRepository.CurrentName));
        Assert.DoesNotContain(SettingsSamples.WifiKey, stored);
        Assert.DoesNotContain(SettingsSamples.KaaToken, stored);
    }
}

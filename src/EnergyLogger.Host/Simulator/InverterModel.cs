namespace EnergyLogger.Host.Simulator;

/// <summary>
/// A hybrid inverter's day in numbers: a two-string PV array under a clear-sky curve with passing
/// clouds, a house load with morning and evening peaks, a 5 kWh, 2.5 kW battery that takes the surplus and
/// covers the deficit within its power and charge limits, and the grid balancing the rest. Every
/// quantity follows the schema's sign conventions: grid power positive = export, battery power and
/// current positive = charging. Deterministic for a given seed.
/// </summary>
internal sealed class InverterModel
{
    private const double SunriseHour = 6.0;
    private const double SunsetHour = 20.0;
    private const double BatteryCapacityWh = 5_000;
    private const double BatteryMaxPowerW = 2_500;
    private const double BatteryMinSocPercent = 10;
    private static readonly double[] MpptPeakW = [4_200, 3_600];

    private readonly int _seed;

    public InverterModel(int seed, double startSocPercent = 40)
    {
        _seed = seed;
        BatterySocPercent = startSocPercent;
    }

    public double HourOfDay { get; private set; }

    public double[] MpptPowerW { get; } = new double[MpptPeakW.Length];

    public double[] MpptVoltageV { get; } = new double[MpptPeakW.Length];

    public double[] MpptCurrentA { get; } = new double[MpptPeakW.Length];

    public double PvPowerW { get; private set; }

    public double LoadPowerW { get; private set; }

    public double BatteryPowerW { get; private set; }

    public double BatterySocPercent { get; private set; }

    public double BatteryVoltageV => 46.0 + (8.0 * BatterySocPercent / 100.0);

    public double BatteryCurrentA => BatteryPowerW / BatteryVoltageV;

    public double BatteryTemperatureC { get; private set; } = 22;

    public double GridPowerW { get; private set; }

    public double GridVoltageV { get; private set; } = 230;

    public double GridFrequencyHz { get; private set; } = 50;

    public double InverterTemperatureC { get; private set; } = 30;

    public double PvEnergyTodayKWh { get; private set; }

    public double PvEnergyTotalKWh { get; private set; } = 12_345.6;

    public double LoadEnergyTodayKWh { get; private set; }

    public double LoadEnergyTotalKWh { get; private set; } = 9_876.5;

    public double GridImportTodayKWh { get; private set; }

    public double GridExportTodayKWh { get; private set; }

    public double BatteryChargeTodayKWh { get; private set; }

    public double BatteryDischargeTodayKWh { get; private set; }

    public double GridImportTotalKWh { get; private set; } = 3_210.9;

    public double GridExportTotalKWh { get; private set; } = 4_567.8;

    public double BatteryChargeTotalKWh { get; private set; } = 2_222.2;

    public double BatteryDischargeTotalKWh { get; private set; } = 2_000.1;

    /// <summary>Moves the model to <paramref name="hourOfDay"/>, integrating energy over <paramref name="elapsedSeconds"/>.</summary>
    public void Advance(double hourOfDay, double elapsedSeconds)
    {
        if (hourOfDay < HourOfDay)
        {
            PvEnergyTodayKWh = 0;
            LoadEnergyTodayKWh = 0;
            GridImportTodayKWh = 0;
            GridExportTodayKWh = 0;
            BatteryChargeTodayKWh = 0;
            BatteryDischargeTodayKWh = 0;
        }

        HourOfDay = hourOfDay;
        double sun = SunFactor(hourOfDay) * (1 - (0.35 * Cloud(hourOfDay)));
        PvPowerW = 0;
        for (int i = 0; i < MpptPeakW.Length; i++)
        {
            MpptPowerW[i] = Math.Round(MpptPeakW[i] * sun * (1 - (0.03 * i)));
            MpptVoltageV[i] = sun > 0.01 ? 360 + (40 * sun) - (8 * i) : 0;
            MpptCurrentA[i] = MpptVoltageV[i] > 0 ? MpptPowerW[i] / MpptVoltageV[i] : 0;
            PvPowerW += MpptPowerW[i];
        }

        LoadPowerW = Math.Round(HouseLoad(hourOfDay));
        BatteryPowerW = Math.Round(BatteryPower(PvPowerW - LoadPowerW, elapsedSeconds));
        GridPowerW = PvPowerW - LoadPowerW - BatteryPowerW;
        GridVoltageV = 230 + (3 * Math.Sin(hourOfDay * 1.7)) + (0.8 * Noise(hourOfDay, 3));
        GridFrequencyHz = 50 + (0.02 * Noise(hourOfDay, 5));
        InverterTemperatureC = 28 + (PvPowerW / 400);
        BatteryTemperatureC = 22 + (Math.Abs(BatteryPowerW) / 1000);
        Integrate(elapsedSeconds / 3600.0);
    }

    private double BatteryPower(double surplusW, double elapsedSeconds)
    {
        double power = Math.Clamp(surplusW, -BatteryMaxPowerW, BatteryMaxPowerW);
        double hours = Math.Max(elapsedSeconds, 1) / 3600.0;
        double roomWh = (100 - BatterySocPercent) / 100 * BatteryCapacityWh;
        double availableWh = (BatterySocPercent - BatteryMinSocPercent) / 100 * BatteryCapacityWh;
        power = power > 0 ? Math.Min(power, roomWh / hours) : Math.Max(power, -Math.Max(availableWh, 0) / hours);
        BatterySocPercent = Math.Clamp(BatterySocPercent + (power * hours / BatteryCapacityWh * 100), 0, 100);
        return power;
    }

    private void Integrate(double hours)
    {
        PvEnergyTodayKWh += PvPowerW * hours / 1000;
        PvEnergyTotalKWh += PvPowerW * hours / 1000;
        LoadEnergyTodayKWh += LoadPowerW * hours / 1000;
        LoadEnergyTotalKWh += LoadPowerW * hours / 1000;
        double exported = Math.Max(GridPowerW, 0) * hours / 1000;
        double imported = Math.Max(-GridPowerW, 0) * hours / 1000;
        double charged = Math.Max(BatteryPowerW, 0) * hours / 1000;
        double discharged = Math.Max(-BatteryPowerW, 0) * hours / 1000;
        GridExportTodayKWh += exported;
        GridExportTotalKWh += exported;
        GridImportTodayKWh += imported;
        GridImportTotalKWh += imported;
        BatteryChargeTodayKWh += charged;
        BatteryChargeTotalKWh += charged;
        BatteryDischargeTodayKWh += discharged;
        BatteryDischargeTotalKWh += discharged;
    }

    /// <summary>0 at night, 1 at solar noon; the 1.3 power narrows the bell like a real clear-sky day.</summary>
    private static double SunFactor(double hour)
    {
        if (hour <= SunriseHour || hour >= SunsetHour)
        {
            return 0;
        }

        return Math.Pow(Math.Sin(Math.PI * (hour - SunriseHour) / (SunsetHour - SunriseHour)), 1.3);
    }

    private double HouseLoad(double hour)
    {
        double morning = 1_400 * Bump(hour, 7.5, 0.8);
        double evening = 2_200 * Bump(hour, 19.5, 1.5);
        double midday = 600 * Bump(hour, 13, 1.0);
        return 320 + morning + evening + midday + (60 * Noise(hour, 7));
    }

    private static double Bump(double hour, double centre, double width) => Math.Exp(-Math.Pow((hour - centre) / width, 2));

    /// <summary>Passing clouds: a smooth 0..1 signal made of incommensurate sines, shifted by the seed.</summary>
    private double Cloud(double hour)
    {
        double phase = _seed * 0.61803;
        double signal = Math.Sin((hour * 2.3) + phase) + Math.Sin((hour * 5.1) + (2 * phase)) + Math.Sin((hour * 11.7) + (3 * phase));
        return Math.Clamp((signal - 0.8) / 2.2, 0, 1);
    }

    private double Noise(double hour, int channel) => Math.Sin((hour * 37.3 * channel) + (_seed * 1.7) + channel);

    /// <summary>
    /// The model's value for a schema field path (pv.mppt1.power, grid.l2.voltage, ...) in the schema's
    /// units and sign convention; false for fields this inverter does not have.
    /// </summary>
    public bool TryGet(string path, out double value)
    {
        string[] parts = path.Split('.');
        value = parts switch
        {
            ["pv", "power"] => PvPowerW,
            ["pv", "energy_today"] => PvEnergyTodayKWh,
            ["pv", "energy_total"] => PvEnergyTotalKWh,
            ["pv", var mppt, var leaf] when Mppt(mppt) is int i => leaf switch
            {
                "power" => MpptPowerW[i],
                "voltage" => MpptVoltageV[i],
                _ => MpptCurrentA[i],
            },
            ["grid", "power"] => GridPowerW,
            ["grid", "frequency"] => GridFrequencyHz,
            ["grid", "power_factor"] => 0.99,
            ["grid", "import_energy_today"] => GridImportTodayKWh,
            ["grid", "import_energy_total"] => GridImportTotalKWh,
            ["grid", "export_energy_today"] => GridExportTodayKWh,
            ["grid", "export_energy_total"] => GridExportTotalKWh,
            ["grid", var phase, var leaf] when Phase(phase) is int n => PhaseValue(GridPowerW, GridVoltageV, n, leaf),
            ["battery", "voltage"] => BatteryVoltageV,
            ["battery", "current"] => BatteryCurrentA,
            ["battery", "power"] => BatteryPowerW,
            ["battery", "soc"] => Math.Round(BatterySocPercent),
            ["battery", "soh"] => 98,
            ["battery", "temperature"] => BatteryTemperatureC,
            ["battery", "cycles"] => 412,
            ["battery", "charge_energy_today"] => BatteryChargeTodayKWh,
            ["battery", "charge_energy_total"] => BatteryChargeTotalKWh,
            ["battery", "discharge_energy_today"] => BatteryDischargeTodayKWh,
            ["battery", "discharge_energy_total"] => BatteryDischargeTotalKWh,
            ["load", "power"] => LoadPowerW,
            ["load", "frequency"] => GridFrequencyHz,
            ["load", "energy_today"] => LoadEnergyTodayKWh,
            ["load", "energy_total"] => LoadEnergyTotalKWh,
            ["load", var phase, var leaf] when Phase(phase) is int n => PhaseValue(LoadPowerW, GridVoltageV, n, leaf),
            ["generator", "connected"] or ["generator", "power"] => 0,
            ["device", "temperature"] => InverterTemperatureC,
            ["device", "heatsink_temperature"] => InverterTemperatureC + 9,
            ["device", "fault_code"] or ["device", "warning_code"] => 0,
            _ => double.NaN,
        };
        return !double.IsNaN(value);
    }

    /// <summary>The operating state as most value maps name it.</summary>
    public string StateText => PvPowerW > 0 || BatteryPowerW != 0 ? "normal" : "standby";

    private int? Mppt(string group) =>
        group.StartsWith("mppt", StringComparison.Ordinal) && int.TryParse(group[4..], out int n) && n >= 1 && n <= MpptPeakW.Length ? n - 1 : null;

    private static int? Phase(string group) =>
        group is ['l', var digit] && digit is >= '1' and <= '3' ? digit - '0' : null;

    /// <summary>A balanced three-phase split, with a little spread between the phase voltages.</summary>
    private static double PhaseValue(double totalW, double voltageV, int phase, string leaf)
    {
        double phaseVoltage = voltageV + (phase - 2) * 0.7;
        double phasePower = Math.Round(totalW / 3);
        return leaf switch
        {
            "voltage" => phaseVoltage,
            "power" => phasePower,
            "current" => phasePower / phaseVoltage,
            _ => double.NaN,
        };
    }
}

using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>What the label record on the flash gave.</summary>
    public enum LabelStatus
    {
        /// <summary>No label record: the access point is open and port 4242 asks for no code.</summary>
        None,
        Ok,
        /// <summary>
        /// A label record that cannot be read: the logger fails closed, so the access point stays down and port 4242
        /// refuses every session, since opening them without the key and code would undo what the label is for.
        /// </summary>
        Unreadable,
    }

    /// <summary>
    /// The per-device secrets printed on the label (docs/provisioning.md, "The label"): the access point's WPA2 key
    /// and the proof-of-possession code. The OEM writes them once at production, as the file <see cref="FileName"/>
    /// deployed with nanoff; the firmware only reads it, so neither port 4242, the cloud nor a factory reset can
    /// change them.
    /// </summary>
    public sealed class DeviceLabel
    {
        public const string FileName = "label.rec";

        private readonly string[] _values = new string[SettingFields.Label.Length];

        public DeviceLabel()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = "";
            }
        }

        public LabelStatus Status { get; private set; }

        /// <summary>Why the record was unreadable, when it was.</summary>
        public RecordStatus Problem { get; private set; }

        /// <summary>The access point's passphrase; empty for an open access point.</summary>
        public string ApKey => Get(SettingFields.ApKey);

        /// <summary>The proof-of-possession code; empty when port 4242 asks for none.</summary>
        public string Pop => Get(SettingFields.ApPop);

        public string Get(SettingField field)
        {
            return _values[field.Index];
        }

        public bool IsSet(SettingField field)
        {
            return _values[field.Index].Length != 0;
        }

        /// <summary>Checks the text with the field's rule and keeps it; returns null or why not.</summary>
        public string Set(SettingField field, string text)
        {
            string reason = field.Rule.Check(text);
            if (reason == null)
            {
                _values[field.Index] = text;
            }

            return reason;
        }

        /// <summary>The label on the flash: <see cref="LabelStatus.None"/> without the file, never an exception.</summary>
        public static DeviceLabel Load(IFileStore files)
        {
            int length = files.Length(FileName);
            if (length < 0)
            {
                return new DeviceLabel();
            }

            DeviceLabel label = null;
            RecordStatus status = RecordStatus.Malformed;
            if (length <= LabelRecord.MaxLength)
            {
                var buffer = new byte[length];
                if (files.Read(FileName, 0, buffer, 0, length) == length)
                {
                    status = LabelRecord.Decode(buffer, 0, length, out label);
                }
            }

            if (status == RecordStatus.Ok)
            {
                label.Status = LabelStatus.Ok;
                return label;
            }

            var unreadable = new DeviceLabel();
            unreadable.Status = LabelStatus.Unreadable;
            unreadable.Problem = status;
            return unreadable;
        }
    }
}

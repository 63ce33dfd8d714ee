namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The settings one provisioning session is editing. Changes stay pending until <c>apply</c>, which
    /// stores them only when nothing is wrong: a refused <c>set</c> is remembered until the field is set
    /// again, cleared or discarded, so an apply never stores the rest of a batch around a value the
    /// installer believes was taken (RELIABILITY P2). Replies never contain a secret's value.
    /// </summary>
    public sealed class SettingsEditor
    {
        private readonly SettingsRepository _repository;
        private readonly string[] _refused = new string[SettingFields.All.Length];
        private DeviceSettings _stored;
        private DeviceSettings _pending;
        private SettingsSource _source;

        public SettingsEditor(SettingsRepository repository)
        {
            _repository = repository;
            Reload();
        }

        /// <summary>The settings as edited so far.</summary>
        public DeviceSettings Pending => _pending;

        public string Set(SettingField field, string text)
        {
            if (field.IsBlock)
            {
                return ProtocolReply.Error(field.Name, "send it as a block: ca begin, the PEM lines, ca end");
            }

            if (text.Length == 0)
            {
                return ProtocolReply.Error(field.Name, "needs a value; clear removes one");
            }

            return Accept(field, text);
        }

        /// <summary>Takes a block field (the CA certificate) once its block has been read whole.</summary>
        public string SetBlock(SettingField field, string text)
        {
            string reply = Accept(field, text);
            if (_refused[field.Index] != null)
            {
                return reply;
            }

            int count = PemRule.CountCertificates(_pending.Get(field));
            return ProtocolReply.Ok(field.Name + " set, " + count.ToString() + (count == 1 ? " certificate" : " certificates"));
        }

        /// <summary>Remembers that a value for the field was refused before it could reach <see cref="SetBlock"/>.</summary>
        public string Refuse(SettingField field, string reason)
        {
            _refused[field.Index] = reason;
            return ProtocolReply.Error(field.Name, reason);
        }

        public string Clear(SettingField field)
        {
            _pending.Reset(field);
            _refused[field.Index] = null;
            return ProtocolReply.Ok(field.Name + (field.DefaultText.Length == 0 ? " cleared" : " back to " + field.DefaultText));
        }

        public string Get(SettingField field)
        {
            return ProtocolReply.Ok(field.Name + " " + Display(field, _pending));
        }

        /// <summary>One line: where the stored settings came from, whether anything is pending, then every field.</summary>
        public string Status()
        {
            string text = "stored=" + SourceName() + " changed=" + (_pending.SameAs(_stored) ? "no" : "yes");
            if (_repository.BadRecords > 0)
            {
                text = text + " bad-records=" + _repository.BadRecords.ToString();
            }

            for (int i = 0; i < SettingFields.All.Length; i++)
            {
                SettingField field = SettingFields.All[i];
                text = text + " " + field.Name + "=" + Display(field, _pending);
            }

            return ProtocolReply.Ok(text);
        }

        public string Check()
        {
            ValidationReport report = Problems();
            return report.IsEmpty ? ProtocolReply.Ok("ready to apply") : "error " + report.Describe();
        }

        /// <summary>Stores the pending settings if nothing is wrong with them; true when they were stored.</summary>
        public bool Apply(out string reply)
        {
            ValidationReport report = Problems();
            if (!report.IsEmpty)
            {
                reply = "error " + report.Describe();
                return false;
            }

            if (!_repository.Save(_pending))
            {
                reply = ProtocolReply.Error("storage", "the settings could not be stored; nothing was applied");
                return false;
            }

            _stored = _pending.Copy();
            _source = SettingsSource.Current;
            reply = ProtocolReply.Ok("applied as record " + _repository.Sequence.ToString() + "; rebooting into station mode");
            return true;
        }

        /// <summary>Drops every pending change and refusal and starts again from what is stored.</summary>
        public string Discard()
        {
            Reload();
            return ProtocolReply.Ok("pending changes discarded");
        }

        private string Accept(SettingField field, string text)
        {
            string reason = _pending.Set(field, text);
            _refused[field.Index] = reason;
            return reason == null ? ProtocolReply.Ok(field.Name + " set") : ProtocolReply.Error(field.Name, reason);
        }

        private ValidationReport Problems()
        {
            var report = new ValidationReport();
            for (int i = 0; i < _refused.Length; i++)
            {
                if (_refused[i] != null)
                {
                    report.Add(SettingFields.All[i].Name, "last value refused: " + _refused[i]);
                }
            }

            SettingsCheck.Run(_pending, report);
            return report;
        }

        private void Reload()
        {
            _source = _repository.Load(out _stored);
            _pending = _stored.Copy();
            for (int i = 0; i < _refused.Length; i++)
            {
                _refused[i] = null;
            }
        }

        private string SourceName()
        {
            if (_source == SettingsSource.Defaults)
            {
                return "none";
            }

            return (_source == SettingsSource.Current ? "current#" : "last-good#") + _repository.Sequence.ToString();
        }

        private static string Display(SettingField field, DeviceSettings settings)
        {
            if (!settings.IsSet(field))
            {
                return "(not set)";
            }

            if (field.IsSecret)
            {
                return "(set)";
            }

            if (field.IsBlock)
            {
                int count = PemRule.CountCertificates(settings.Get(field));
                return "(" + count.ToString() + (count == 1 ? " certificate)" : " certificates)");
            }

            return field.Rule.IsFreeText ? ProtocolReply.Quote(settings.Get(field)) : settings.Get(field);
        }
    }
}

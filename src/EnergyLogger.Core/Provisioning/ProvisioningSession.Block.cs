namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The <c>ca begin</c> ... <c>ca end</c> block: PEM is many lines, so the certificate arrives line by
    /// line, each acknowledged, and is checked whole at <c>ca end</c>. The block is capped at the
    /// certificate's own limit; past it the lines are dropped and the block ends in an error.
    /// </summary>
    public sealed partial class ProvisioningSession
    {
        private string BlockLine(string line)
        {
            string command = line.Trim().ToLower();
            if (command == "ca end")
            {
                return FinishBlock();
            }

            if (command == "ca abort")
            {
                EndBlock();
                return ProtocolReply.Ok("ca: block dropped, mqtt.ca unchanged");
            }

            if (_blockError != null)
            {
                return ProtocolReply.Error(SettingFields.MqttCa.Name, _blockError);
            }

            if (command.Length == 0)
            {
                return null;
            }

            if (_block.Length + line.Length + 1 > SettingsLimits.CaPemBytes)
            {
                _blockError = "longer than " + SettingsLimits.CaPemBytes.ToString() + " bytes";
                _block = null;
                return ProtocolReply.Error(SettingFields.MqttCa.Name, _blockError);
            }

            _block.Append(line);
            _block.Append('\n');
            return ProtocolReply.Ok("ca: " + _block.Length.ToString() + " bytes");
        }

        private string FinishBlock()
        {
            string error = _blockError;
            string text = _block == null ? "" : _block.ToString();
            EndBlock();
            if (error == null && text.Length == 0)
            {
                error = "the block is empty; clear mqtt.ca removes the certificate";
            }

            return error != null ? Editor.Refuse(SettingFields.MqttCa, error) : Editor.SetBlock(SettingFields.MqttCa, text);
        }

        private void EndBlock()
        {
            _inBlock = false;
            _block = null;
            _blockError = null;
        }
    }
}

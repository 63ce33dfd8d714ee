using System.Text;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The <c>ca begin</c> ... <c>ca end</c> block: PEM is many lines, so the certificate arrives line by
    /// line, each acknowledged, and is checked whole at <c>ca end</c>. The block is capped at the
    /// certificate's own limit; past it the lines are dropped and the block ends in an error.
    /// </summary>
    internal sealed class CaBlockReader
    {
        private readonly SettingsEditor _editor;
        private StringBuilder _block;
        private string _blockError;

        /// <param name="editor">The session's editor, which takes the finished block or remembers why it was refused.</param>
        public CaBlockReader(SettingsEditor editor)
        {
            _editor = editor;
        }

        /// <summary>Between <c>ca begin</c> and <c>ca end</c> or <c>ca abort</c>: every line is the block's.</summary>
        public bool IsOpen { get; private set; }

        public void Begin()
        {
            IsOpen = true;
            _block = new StringBuilder();
            _blockError = null;
        }

        /// <summary>The reply to one line of the open block; null for a blank line.</summary>
        public string Line(string line)
        {
            string command = line.Trim().ToLower();
            if (command == "ca end")
            {
                return Finish();
            }

            if (command == "ca abort")
            {
                End();
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

        private string Finish()
        {
            string error = _blockError;
            string text = _block == null ? "" : _block.ToString();
            End();
            if (error == null && text.Length == 0)
            {
                error = "the block is empty; clear mqtt.ca removes the certificate";
            }

            return error != null ? _editor.Refuse(SettingFields.MqttCa, error) : _editor.SetBlock(SettingFields.MqttCa, text);
        }

        private void End()
        {
            IsOpen = false;
            _block = null;
            _blockError = null;
        }
    }
}

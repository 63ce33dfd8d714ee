namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The verbs of port 4242 (docs/provisioning.md), a table rather than a switch so the protocol reads
    /// in one place. Unknown verbs and field names are never repeated back: a mistyped line may hold a
    /// secret.
    /// </summary>
    public static class ProvisioningVerbs
    {
        /// <summary>The one verb a session takes before the code was given, when the label has one.</summary>
        public const string AuthVerb = "auth";

        public static readonly ProtocolVerb[] All =
        {
            new ProtocolVerb(AuthVerb, true, Auth, false),
            new ProtocolVerb("help", false, Help),
            new ProtocolVerb("status", false, Status),
            new ProtocolVerb("get", true, Get),
            new ProtocolVerb("set", true, Set),
            new ProtocolVerb("clear", true, Clear),
            new ProtocolVerb("ca", true, Ca),
            new ProtocolVerb("check", false, Check),
            new ProtocolVerb("apply", false, Apply),
            new ProtocolVerb("discard", false, Discard),
            new ProtocolVerb("quit", false, Quit),
        };

        /// <summary>The verb of that name, or null.</summary>
        public static ProtocolVerb Find(string name)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Name == name)
                {
                    return All[i];
                }
            }

            return null;
        }

        private static string Help(ProvisioningSession session, string argument)
        {
            string text = "verbs:";
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Listed)
                {
                    text = text + " " + All[i].Name;
                }
            }

            text = text + "; fields:";
            for (int i = 0; i < SettingFields.All.Length; i++)
            {
                text = text + " " + SettingFields.All[i].Name;
            }

            return ProtocolReply.Ok(text + "; see docs/provisioning.md");
        }

        private static string Status(ProvisioningSession session, string argument)
        {
            return session.Editor.Status();
        }

        private static string Auth(ProvisioningSession session, string argument)
        {
            return session.Authenticate(argument);
        }

        private static string Get(ProvisioningSession session, string argument)
        {
            string name = argument.ToLower();
            SettingField field = SettingFields.Find(name);
            if (field != null)
            {
                return session.Editor.Get(field);
            }

            field = SettingFields.FindLabel(name);
            return field == null ? UnknownField() : session.LabelField(field);
        }

        private static string Set(ProvisioningSession session, string argument)
        {
            // The value is everything after the single space behind the name, spaces included.
            int space = argument.IndexOf(' ');
            string name = space < 0 ? argument : argument.Substring(0, space);
            SettingField field = SettingFields.Find(name.ToLower());
            if (field == null)
            {
                return LabelOnly(name);
            }

            return session.Editor.Set(field, space < 0 ? "" : argument.Substring(space + 1));
        }

        private static string Clear(ProvisioningSession session, string argument)
        {
            SettingField field = SettingFields.Find(argument.ToLower());
            return field == null ? LabelOnly(argument) : session.Editor.Clear(field);
        }

        private static string Ca(ProvisioningSession session, string argument)
        {
            if (argument.ToLower() != "begin")
            {
                return ProtocolReply.Error("ca", "send ca begin, then the PEM lines, then ca end");
            }

            session.BeginCaBlock();
            return ProtocolReply.Ok("ca: send the PEM lines, then ca end");
        }

        private static string Check(ProvisioningSession session, string argument)
        {
            return session.Editor.Check();
        }

        private static string Apply(ProvisioningSession session, string argument)
        {
            string reply;
            if (session.Editor.Apply(out reply))
            {
                session.Close(SessionEnd.Applied);
            }

            return reply;
        }

        private static string Discard(ProvisioningSession session, string argument)
        {
            return session.Editor.Discard();
        }

        private static string Quit(ProvisioningSession session, string argument)
        {
            session.Close(SessionEnd.Quit);
            return ProtocolReply.Ok("bye");
        }

        private static string UnknownField()
        {
            return ProtocolReply.Error("field", "unknown name; help lists the fields");
        }

        /// <summary>The label's fields are given at production only; any other name is unknown.</summary>
        private static string LabelOnly(string name)
        {
            SettingField field = SettingFields.FindLabel(name.ToLower());
            return field == null ? UnknownField() : ProtocolReply.Error(field.Name, "given at production on the label record only");
        }
    }
}

using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class whose public methods the launcher looks at. Only this exact type counts, not a derived one.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
    public class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a public method as a test; with [DataRow] on the same method, only the rows run.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>One run of the test method with these arguments.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        public object[] MethodParameters { get; }
    }

    /// <summary>Runs once before the tests of its class; a skipped Setup skips the whole class.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs once after the tests of its class.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public class CleanupAttribute : Attribute
    {
    }
}

using System.Runtime.CompilerServices;

namespace EnergyLogger.Integration.Tests;

/// <summary>
/// The tests run in parallel and many of them block a pool thread while they wait (polling a session, a child
/// process, a peer), while MQTTnet completes its reads, PUBACKs and PINGRESPs on the same pool. On two cores the
/// pool starts with two threads and adds about one per half second when they are all blocked, which would delay a
/// broker's answer by seconds and fail timing assertions that measure the session, not the pool.
/// </summary>
internal static class TestThreadPool
{
    [ModuleInitializer]
    internal static void Widen()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}

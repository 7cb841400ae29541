using System;

namespace LstmGen.Tests.Support;

/// <summary>
/// Counts what a hot call allocates on this thread. The call is warmed up, then several windows of runs are counted and the
/// smallest count is returned: one-time runtime work that lands in a window (a method tiering up, a type's first use) is
/// not blamed on the call, while anything the call itself allocates shows in every window.
/// </summary>
public static class AllocationMeter
{
    public static long BytesPerWindow(Action action, int warmUp, int runsPerWindow, int windows = 3)
    {
        for (int run = 0; run < warmUp; run++)
        {
            action();
        }

        long smallest = long.MaxValue;
        for (int window = 0; window < windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int run = 0; run < runsPerWindow; run++)
            {
                action();
            }

            smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return smallest;
    }
}

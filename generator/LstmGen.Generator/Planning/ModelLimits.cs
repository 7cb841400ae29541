using System.Globalization;
using System.Linq;

namespace LstmGen.Generator.Planning;

/// <summary>The size limits a model must keep (diagnostic LSTM003), whether its layers are declared or come from a file.</summary>
internal static class ModelLimits
{
    /// <summary>Returns null when the model fits, else what is too large.</summary>
    public static string? Check(ModelPlan plan)
    {
        foreach (PartPlan part in plan.Parts)
        {
            if (part.OutputWidth > LstmLimits.MaxWidth || part.InputWidth > LstmLimits.MaxWidth)
            {
                return $"layer {part.Index}, {part.Layer}, exceeds the width limit of {LstmLimits.MaxWidth}";
            }
        }

        if (plan.StorageBytes > LstmLimits.MaxStorageBytes)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "its buffers take {0:N0} bytes, more than the limit of {1:N0} ({2} MiB; the runtime loads no type of 128 MiB or more)",
                plan.StorageBytes,
                LstmLimits.MaxStorageBytes,
                LstmLimits.MaxStorageBytes / (1024 * 1024));
        }

        if (plan.IsBaked && plan.ParameterCount > LstmLimits.MaxBakedParameterCount)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "baking {0:N0} parameters would write about {1} MB of source; the limit for baked parameters is {2:N0}, so load larger models at run time",
                plan.ParameterCount,
                plan.ParameterCount * 16L / (1024 * 1024),
                LstmLimits.MaxBakedParameterCount);
        }

        return null;
    }
}

using System.Collections.Generic;
using LstmGen.Generator.Model;

namespace LstmGen.Generator.Parsing;

/// <summary>
/// The names of the members the emitter adds to a layer type. The parser checks them against the user's members
/// (diagnostic LSTM007) and the emitter writes them, so both read them from here.
/// </summary>
internal static class GeneratedNames
{
    public const string InputWidth = "InputWidth";
    public const string StateWidth = "StateWidth";
    public const string GateCount = "GateCount";
    public const string GateWidth = "GateWidth";
    public const string ParameterCount = "ParameterCount";
    public const string UnitBlock = "UnitBlock";
    public const string StorageBytes = "StorageBytes";
    public const string DefaultInitRange = "DefaultInitRange";
    public const string ParameterLayout = "ParameterLayout";
    public const string Parameters = "Parameters";
    public const string Weights = "Weights";
    public const string HiddenState = "HiddenState";
    public const string CellState = "CellState";
    public const string Reset = "Reset";
    public const string SetState = "SetState";
    public const string CopyStateTo = "CopyStateTo";
    public const string InitializeParameters = "InitializeParameters";
    public const string ExportParameters = "ExportParameters";
    public const string ImportParameters = "ImportParameters";
    public const string Step = "Step";
    public const string Forward = "Forward";

    public const string MaxSteps = "MaxSteps";
    public const string StepStride = "TapeStepStride";
    public const string RecordedSteps = "RecordedSteps";
    public const string Gradients = "Gradients";
    public const string GradientWeights = "GradientWeights";
    public const string Backward = "Backward";
    public const string ZeroGradients = "ZeroGradients";
    public const string ExportGradients = "ExportGradients";
    public const string ApplySgd = "ApplySgd";
    public const string ClipGradients = "ClipGradients";
    public const string ApplyAdam = "ApplyAdam";
    public const string ResetAdam = "ResetAdam";

    // Private implementation members; the double underscore keeps them out of the user's way.
    public const string ParameterField = "__lstmParameters";
    public const string ParameterOffsetField = "__lstmParameterOffset";
    public const string StateField = "__lstmState";
    public const string StateOffsetField = "__lstmStateOffset";
    public const string StateSlot = "__LstmStateSlot";
    public const string HiddenSideField = "__lstmHiddenSide";
    public const string StateReference = "__LstmStateReference";
    public const string HiddenReference = "__LstmHiddenReference";
    public const string CellReference = "__LstmCellReference";
    public const string AlignedState = "__LstmAlignedState";
    public const string GradientField = "__lstmGradients";
    public const string TapeField = "__lstmTape";
    public const string RecordedField = "__lstmRecordedSteps";
    public const string AdamFirstField = "__lstmAdamFirstMoment";
    public const string AdamSecondField = "__lstmAdamSecondMoment";
    public const string AdamStepField = "__lstmAdamSteps";
    public const string ParameterBuffer = "__LstmParameterBuffer";
    public const string ParameterStorage = "__LstmParameterStorage";
    public const string StateStorage = "__LstmStateStorage";
    public const string TapeBuffer = "__LstmTapeBuffer";
    public const string TapeStepBuffer = "__LstmTapeStepBuffer";
    public const string BakedData = "__LstmBakedParameters";
    public const string StepCore = "__LstmStep";
    public const string ParameterReference = "__LstmParameterReference";
    public const string AlignedParameters = "__LstmAlignedParameters";

    /// <summary>Returns every name the emitter adds for a layer with these features.</summary>
    public static IEnumerable<string> For(LayerSpec spec)
    {
        yield return InputWidth;
        yield return StateWidth;
        yield return GateCount;
        yield return GateWidth;
        yield return ParameterCount;
        yield return UnitBlock;
        yield return StorageBytes;
        yield return ParameterLayout;
        yield return Parameters;
        yield return Weights;
        yield return HiddenState;
        yield return CellState;
        yield return Reset;
        yield return SetState;
        yield return CopyStateTo;
        yield return ExportParameters;
        yield return Step;
        yield return Forward;
        yield return StateField;
        yield return StateOffsetField;
        yield return StateSlot;
        yield return HiddenSideField;
        yield return StateReference;
        yield return HiddenReference;
        yield return CellReference;
        yield return AlignedState;
        yield return StateStorage;
        yield return StepCore;
        yield return ParameterReference;
        if (spec.Weights is null)
        {
            yield return DefaultInitRange;
            yield return InitializeParameters;
            yield return ImportParameters;
            yield return ParameterField;
            yield return ParameterOffsetField;
            yield return ParameterStorage;
            yield return AlignedParameters;
        }
        else
        {
            yield return BakedData;
        }

        if (spec.IsTraining)
        {
            yield return MaxSteps;
            yield return StepStride;
            yield return RecordedSteps;
            yield return Gradients;
            yield return GradientWeights;
            yield return Backward;
            yield return ZeroGradients;
            yield return ExportGradients;
            yield return ApplySgd;
            yield return ClipGradients;
            yield return ParameterBuffer;
            yield return GradientField;
            yield return TapeField;
            yield return RecordedField;
            yield return TapeBuffer;
            yield return TapeStepBuffer;
        }

        if (spec.Adam)
        {
            yield return ApplyAdam;
            yield return ResetAdam;
            yield return AdamFirstField;
            yield return AdamSecondField;
            yield return AdamStepField;
        }
    }
}

namespace LstmGen.Generator.Planning;

/// <summary>A run of <see cref="Lanes"/> consecutive elements starting at <see cref="Offset"/>, handled by one vector (or one scalar).</summary>
internal readonly record struct Segment(int Offset, int Lanes);

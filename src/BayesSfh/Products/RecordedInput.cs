namespace BayesSfh.Products;

/// <summary>An input file of a sampling run as its manifest records it.</summary>
/// <param name="Role">What the file is: <c>templates</c>, <c>observed</c>, <c>grid</c>, <c>background</c> or <c>luminosity</c>.</param>
/// <param name="Path">The path recorded (absolute).</param>
/// <param name="Sha256">The SHA-256 of the file when the run was made, lower-case hex.</param>
public sealed record RecordedInput(string Role, string Path, string Sha256);

namespace BayesSfh.IO;

/// <summary>One <c>key = value</c> line of a CmdStan CSV configuration header.</summary>
/// <param name="Key">The key, for example <c>num_samples</c>.</param>
/// <param name="Path">
/// The key prefixed by its enclosing sections (header lines without <c>=</c>), joined by dots: <c>sample.num_samples</c>,
/// <c>sample.adapt.delta</c>, <c>sample.hmc.nuts.max_depth</c>, <c>data.file</c>, <c>output.file</c>.
/// </param>
/// <param name="Value">The value, trimmed, without the <c>(Default)</c> marker; may be empty.</param>
/// <param name="IsDefault">True when the line ended in <c>(Default)</c> (the value was not given by the user).</param>
/// <param name="Line">1-based line number in the file.</param>
public sealed record StanCsvConfigEntry(string Key, string Path, string Value, bool IsDefault, int Line);

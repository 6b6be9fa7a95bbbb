using BayesSfh.Sampling.Hamiltonian;

namespace BayesSfh.Sampling.Nuts;

/// <summary>A candidate draw kept by multinomial trajectory sampling: position, gradient, log density and H.</summary>
internal sealed class TreeProposal(int dimension)
{
    public readonly double[] Position = new double[dimension];
    public readonly double[] Gradient = new double[dimension];
    public double LogDensity;
    public double Hamiltonian;

    public void CopyFrom(PhasePoint point, double hamiltonian)
    {
        point.Position.CopyTo(Position, 0);
        point.Gradient.CopyTo(Gradient, 0);
        LogDensity = point.LogDensity;
        Hamiltonian = hamiltonian;
    }
}

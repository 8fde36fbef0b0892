using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Plots;

/// <summary>Rules shared by single registration and bulk import, so both refuse the same things the same way.</summary>
internal static class PlotRules
{
    /// <summary>Plots may touch and overlap by digitising noise, but not by more than this share of the new plot's area.</summary>
    public const double OverlapTolerance = 0.005;

    public sealed record Candidate(string Code, string LandUseCode, MultiPolygon Geometry);

    /// <summary>Finds, for each candidate, an existing plot (or an earlier candidate) it overlaps beyond tolerance.</summary>
    public static async Task<Dictionary<int, Error>> FindOverlapsAsync(RegistryDb db, IReadOnlyList<Candidate> candidates, CancellationToken ct)
    {
        var errors = new Dictionary<int, Error>();
        if (candidates.Count == 0)
        {
            return errors;
        }

        var env = new Envelope();
        foreach (var c in candidates)
        {
            env.ExpandToInclude(c.Geometry.EnvelopeInternal);
        }

        // Every plot, whatever the actor's scope: an overlap with another county's plot is still an overlap.
        var existing = await db.Plots.IgnoreQueryFilters()
            .Where(p => p.MaxX >= env.MinX && p.MinX <= env.MaxX && p.MaxY >= env.MinY && p.MinY <= env.MaxY)
            .Select(p => new { p.Code, p.Geometry }).ToListAsync(ct);

        var index = new NetTopologySuite.Index.Strtree.STRtree<(string Code, Geometry Geometry)>();
        foreach (var e in existing)
        {
            index.Insert(e.Geometry.EnvelopeInternal, (e.Code, e.Geometry));
        }

        // Earlier candidates of the same batch go into a quadtree, which (unlike the STR-tree) takes inserts after
        // queries, so a 10,000-row import does not rebuild an index per row.
        var batch = new NetTopologySuite.Index.Quadtree.Quadtree<(string Code, Geometry Geometry)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var prepared = PreparedGeometryFactory.Prepare(c.Geometry);
            var area = c.Geometry.Area;
            foreach (var (code, geometry) in index.Query(c.Geometry.EnvelopeInternal).Concat(batch.Query(c.Geometry.EnvelopeInternal)))
            {
                if (!geometry.EnvelopeInternal.Intersects(c.Geometry.EnvelopeInternal) || !prepared.Intersects(geometry))
                {
                    continue;
                }

                var shared = c.Geometry.Intersection(geometry).Area;
                if (shared > area * OverlapTolerance)
                {
                    errors[i] = RegistryErrors.PlotOverlaps(code, Math.Round(shared / area * 100, 2));
                    break;
                }
            }

            if (!errors.ContainsKey(i))
            {
                // Later rows are checked against earlier rows of the same batch too.
                batch.Insert(c.Geometry.EnvelopeInternal, (c.Code, c.Geometry));
            }
        }

        return errors;
    }

    public static Error? CheckLandUse(string? code) =>
        LandUseCode.TryParse(code, out _) ? null : RegistryErrors.LandUseCodeUnknown(code ?? "");
}

using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Qingshan.Raster;

/// <summary>
/// Writes an uncompressed, single-band, little-endian GeoTIFF whose block layout is fixed up front:
/// the header and IFD (with every tile or strip offset precomputed) go first, then the blocks at
/// known offsets. Blocks can therefore be written in any order and from several threads at once with
/// positional writes, which LibTiff's sequential writer cannot do. Classic TIFF only (file &lt; 4 GiB).
/// GDAL reads the result: georeferencing is ModelPixelScale + ModelTiepoint + GeoKeyDirectory (EPSG
/// code), nodata is the GDAL_NODATA tag (42113).
/// </summary>
public sealed class GeoTiffWriter : IDisposable
{
    private readonly SafeFileHandle handle;
    private readonly long dataStart;
    private readonly long fullBlockBytes;
    private readonly int blocksAcross;

    private GeoTiffWriter(string path, RasterGrid grid, RasterDataType type, double? noData, bool tiled, int blockWidth, int blockHeight)
    {
        Path = path;
        Grid = grid;
        DataType = type;
        IsTiled = tiled;
        BlockWidth = tiled ? blockWidth : grid.Width;
        BlockHeight = Math.Min(blockHeight, tiled ? int.MaxValue : grid.Height);
        int bps = GeoTiffRaster.SizeOf(type);
        blocksAcross = (grid.Width + BlockWidth - 1) / BlockWidth;
        int blocksDown = (grid.Height + BlockHeight - 1) / BlockHeight;
        BlockCount = blocksAcross * blocksDown;
        fullBlockBytes = (long)BlockWidth * BlockHeight * bps;

        var offsets = new uint[BlockCount];
        var counts = new uint[BlockCount];
        byte[] header = BuildHeader(grid, type, noData, tiled, BlockWidth, BlockHeight, offsets, counts, out long start);
        dataStart = start;
        long pos = dataStart;
        for (int b = 0; b < BlockCount; b++)
        {
            long bytes = tiled ? fullBlockBytes : (long)Math.Min(BlockHeight, grid.Height - (b * BlockHeight)) * BlockWidth * bps;
            offsets[b] = checked((uint)pos);
            counts[b] = checked((uint)bytes);
            pos += bytes;
        }

        if (pos > uint.MaxValue)
        {
            throw new ArgumentException("Result raster exceeds 4 GiB; BigTIFF output is not implemented.", nameof(grid));
        }

        header = BuildHeader(grid, type, noData, tiled, BlockWidth, BlockHeight, offsets, counts, out _);
        handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, FileOptions.None, preallocationSize: 0);
        RandomAccess.SetLength(handle, pos);
        RandomAccess.Write(handle, header, 0);
    }

    public string Path { get; }

    public RasterGrid Grid { get; }

    public RasterDataType DataType { get; }

    public bool IsTiled { get; }

    public int BlockWidth { get; }

    public int BlockHeight { get; }

    public int BlockCount { get; }

    /// <summary>Creates (overwrites) the file. Strips are full-width blocks of <paramref name="blockHeight"/> rows.</summary>
    public static GeoTiffWriter Create(string path, RasterGrid grid, RasterDataType type, double? noData, bool tiled = true, int blockWidth = 256, int blockHeight = 256)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (tiled && (blockWidth % 16 != 0 || blockHeight % 16 != 0))
        {
            throw new ArgumentException("TIFF tile sizes must be multiples of 16.", nameof(blockWidth));
        }

        return new GeoTiffWriter(path, grid, type, noData, tiled, blockWidth, blockHeight);
    }

    /// <summary>
    /// Writes block <paramref name="block"/> (row-major tile or strip index). <paramref name="data"/> holds
    /// the block's samples with row stride <see cref="BlockWidth"/>; tiles are always full size (edge tiles padded).
    /// Thread-safe for distinct blocks.
    /// </summary>
    public void WriteBlock<T>(int block, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        if (GeoTiffRaster.SizeOf(DataType) != Marshal.SizeOf<T>())
        {
            throw new ArgumentException($"Sample type {typeof(T).Name} does not match {DataType}.", nameof(data));
        }

        int rows = IsTiled ? BlockHeight : Math.Min(BlockHeight, Grid.Height - (block * BlockHeight));
        var bytes = MemoryMarshal.AsBytes(data)[..(int)((long)rows * BlockWidth * GeoTiffRaster.SizeOf(DataType))];
        long offset = dataStart;
        offset += IsTiled ? block * fullBlockBytes : (long)block * fullBlockBytes;
        RandomAccess.Write(handle, bytes, offset);
    }

    /// <summary>Convenience for small rasters: writes a whole width × height array block by block.</summary>
    public void WriteAll<T>(ReadOnlySpan<T> all)
        where T : unmanaged
    {
        var buf = new T[BlockWidth * BlockHeight];
        for (int b = 0; b < BlockCount; b++)
        {
            int bx = b % blocksAcross, by = b / blocksAcross;
            int x0 = bx * BlockWidth, y0 = by * BlockHeight;
            int w = Math.Min(BlockWidth, Grid.Width - x0), h = Math.Min(BlockHeight, Grid.Height - y0);
            Array.Clear(buf);
            for (int y = 0; y < h; y++)
            {
                all.Slice(((y0 + y) * Grid.Width) + x0, w).CopyTo(buf.AsSpan(y * BlockWidth, w));
            }

            WriteBlock<T>(b, buf);
        }
    }

    public void Dispose() => handle.Dispose();

    private static byte[] BuildHeader(RasterGrid grid, RasterDataType type, double? noData, bool tiled, int blockWidth, int blockHeight, uint[] offsets, uint[] counts, out long dataStart)
    {
        int epsg = grid.EpsgCode;
        bool geographic = epsg is >= 4000 and < 5000;
        ushort[] geoKeys =
        [
            1, 1, 0, 3,
            1024, 0, 1, (ushort)(geographic ? 2 : 1),
            1025, 0, 1, 1,
            (ushort)(geographic ? 2048 : 3072), 0, 1, (ushort)epsg,
        ];
        ushort bits = (ushort)(GeoTiffRaster.SizeOf(type) * 8);
        ushort sampleFormat = type switch
        {
            RasterDataType.Float32 or RasterDataType.Float64 => 3,
            RasterDataType.Int16 or RasterDataType.Int32 => 2,
            _ => 1,
        };
        var entries = new List<(ushort Tag, ushort Type, uint Count, byte[] Data)>
        {
            (256, 4, 1, U32(grid.Width)),
            (257, 4, 1, U32(grid.Height)),
            (258, 3, 1, U16(bits)),
            (259, 3, 1, U16(1)),
            (262, 3, 1, U16(1)),
            (277, 3, 1, U16(1)),
            (284, 3, 1, U16(1)),
            (339, 3, 1, U16(sampleFormat)),
            (33550, 12, 3, F64([grid.PixelWidth, -grid.PixelHeight, 0])),
            (33922, 12, 6, F64([0, 0, 0, grid.OriginX, grid.OriginY, 0])),
            (34735, 3, (uint)geoKeys.Length, U16(geoKeys)),
        };
        // Offsets and byte counts: inline when there is one block, out of line otherwise (TIFF 6.0 rule).
        if (tiled)
        {
            entries.Add((322, 4, 1, U32(blockWidth)));
            entries.Add((323, 4, 1, U32(blockHeight)));
            entries.Add((324, 4, (uint)offsets.Length, U32s(offsets)));
            entries.Add((325, 4, (uint)counts.Length, U32s(counts)));
        }
        else
        {
            entries.Add((273, 4, (uint)offsets.Length, U32s(offsets)));
            entries.Add((278, 4, 1, U32(blockHeight)));
            entries.Add((279, 4, (uint)counts.Length, U32s(counts)));
        }

        if (noData is double nd)
        {
            string text = double.IsNaN(nd) ? "nan" : nd.ToString("R", CultureInfo.InvariantCulture);
            entries.Add((42113, 2, (uint)(text.Length + 1), [.. Encoding.ASCII.GetBytes(text), 0]));
        }

        return Layout(entries, out dataStart);
    }

    private static byte[] Layout(List<(ushort Tag, ushort Type, uint Count, byte[] Data)> entries, out long dataStart)
    {
        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        int n = entries.Count;
        int ifdSize = 2 + (n * 12) + 4;
        long pos = 8 + ifdSize;
        var extra = new List<(int Index, long Offset)>();
        foreach (var (e, i) in entries.Select((e, i) => (e, i)))
        {
            if (e.Data.Length > 4)
            {
                pos = (pos + 7) & ~7L;
                extra.Add((i, pos));
                pos += e.Data.Length;
            }
        }

        dataStart = (pos + 4095) & ~4095L;
        var buf = new byte[pos];
        buf[0] = (byte)'I';
        buf[1] = (byte)'I';
        BinaryPrimitives.WriteUInt16LittleEndian(buf.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(buf.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(buf.AsSpan(8), (ushort)n);
        for (int i = 0; i < n; i++)
        {
            var e = entries[i];
            var slot = buf.AsSpan(10 + (i * 12), 12);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, e.Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], e.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], e.Count);
            int at = extra.FindIndex(x => x.Index == i);
            if (at >= 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(slot[8..], (uint)extra[at].Offset);
                e.Data.CopyTo(buf.AsSpan((int)extra[at].Offset));
            }
            else
            {
                e.Data.CopyTo(slot[8..]);
            }
        }

        return buf;
    }

    private static byte[] U32(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)v);
        return b;
    }

    private static byte[] U32s(uint[] v)
    {
        var b = new byte[v.Length * 4];
        for (int i = 0; i < v.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 4), v[i]);
        }

        return b;
    }

    private static byte[] U16(params ushort[] v)
    {
        var b = new byte[v.Length * 2];
        for (int i = 0; i < v.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i * 2), v[i]);
        }

        return b;
    }

    private static byte[] F64(double[] v)
    {
        var b = new byte[v.Length * 8];
        for (int i = 0; i < v.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(i * 8), v[i]);
        }

        return b;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Globalization;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using Microsoft.Win32.SafeHandles;
using Qingshan.Kernel;

namespace Qingshan.Raster;

/// <summary>Sample types the reader understands (one band per file).</summary>
public enum RasterDataType
{
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Float32,
    Float64,
}

/// <summary>
/// One single-band GeoTIFF layer opened for block-wise reading. Metadata (tags, georeferencing,
/// tile or strip offsets) comes from BitMiracle.LibTiff.NET. Uncompressed little-endian blocks are then
/// read with positional reads on one shared file handle (thread-safe, no copy through LibTiff's stream);
/// compressed blocks (LZW, DEFLATE, PackBits, with or without predictor) are decoded by LibTiff, one
/// <see cref="Tiff"/> instance per thread because a Tiff is not thread-safe.
/// </summary>
public sealed class GeoTiffRaster : IDisposable
{
    private readonly long[] offsets;
    private readonly long[] byteCounts;
    private readonly SafeFileHandle handle;
    private readonly bool rawReadable;
    private readonly bool nativeInflate;
    private readonly int predictor;
    private readonly ThreadLocal<Tiff?> decoders;
    private readonly int blocksAcross;

    static GeoTiffRaster() => Tiff.SetErrorHandler(new QuietTiffErrors());

    private GeoTiffRaster(string path, string layerName, RasterGrid grid, RasterDataType dataType, double? noData, bool tiled,
        int blockWidth, int blockHeight, Compression compression, int predictor, long[] offsets, long[] byteCounts, bool bigEndian, SafeFileHandle handle)
    {
        Path = path;
        LayerName = layerName;
        Grid = grid;
        DataType = dataType;
        NoData = noData;
        IsTiled = tiled;
        BlockWidth = blockWidth;
        BlockHeight = blockHeight;
        CompressionName = compression.ToString();
        this.offsets = offsets;
        this.byteCounts = byteCounts;
        this.handle = handle;
        rawReadable = compression == Compression.NONE && !bigEndian;

        // DEFLATE through the runtime's native zlib is several times faster than LibTiff.NET's managed
        // inflater (10000² DEFLATE input: 19 CPU-s per run through LibTiff, more than GDAL's 15).
        nativeInflate = compression is Compression.DEFLATE or Compression.ADOBE_DEFLATE && !bigEndian && predictor is 1 or 2 or 3;
        this.predictor = predictor;
        decoders = new ThreadLocal<Tiff?>(() => Tiff.Open(path, "r"), trackAllValues: true);
        blocksAcross = (grid.Width + blockWidth - 1) / blockWidth;
        BytesPerSample = SizeOf(dataType);
    }

    public string Path { get; }

    /// <summary>The name used in error messages (R, K, LS, C, P, zones …).</summary>
    public string LayerName { get; }

    public RasterGrid Grid { get; }

    public RasterDataType DataType { get; }

    /// <summary>GDAL_NODATA (tag 42113), if present. May be NaN.</summary>
    public double? NoData { get; }

    public bool IsTiled { get; }

    /// <summary>Tile width, or the image width for strips.</summary>
    public int BlockWidth { get; }

    /// <summary>Tile height, or rows per strip.</summary>
    public int BlockHeight { get; }

    public string CompressionName { get; }

    internal int BytesPerSample { get; }

    internal int BlockCount => offsets.Length;

    /// <summary>Opens and validates a GeoTIFF; refusals name <paramref name="layerName"/>.</summary>
    public static Result<GeoTiffRaster> Open(string path, string layerName)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(layerName);
        if (!File.Exists(path))
        {
            return RasterErrors.FileUnreadable(layerName, "文件不存在: " + path);
        }

        Tiff? tiff = Tiff.Open(path, "r");
        if (tiff is null)
        {
            return RasterErrors.FileUnreadable(layerName, "不是有效的 TIFF 文件: " + path);
        }

        using (tiff)
        {
            int width = tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt();
            int height = tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt();
            int samples = tiff.GetFieldDefaulted(TiffTag.SAMPLESPERPIXEL)[0].ToInt();
            if (samples != 1)
            {
                return RasterErrors.UnsupportedFormat(layerName, $"只支持单波段，文件有 {samples} 个波段");
            }

            int bits = tiff.GetFieldDefaulted(TiffTag.BITSPERSAMPLE)[0].ToInt();
            var format = (SampleFormat)tiff.GetFieldDefaulted(TiffTag.SAMPLEFORMAT)[0].ToInt();
            RasterDataType? type = (format, bits) switch
            {
                (SampleFormat.UINT, 8) => RasterDataType.Byte,
                (SampleFormat.INT, 16) => RasterDataType.Int16,
                (SampleFormat.UINT, 16) => RasterDataType.UInt16,
                (SampleFormat.INT, 32) => RasterDataType.Int32,
                (SampleFormat.UINT, 32) => RasterDataType.UInt32,
                (SampleFormat.IEEEFP, 32) => RasterDataType.Float32,
                (SampleFormat.IEEEFP, 64) => RasterDataType.Float64,
                _ => null,
            };
            if (type is null)
            {
                return RasterErrors.UnsupportedFormat(layerName, $"像元类型 {format}/{bits} 位");
            }

            var compression = (Compression)tiff.GetFieldDefaulted(TiffTag.COMPRESSION)[0].ToInt();
            if (compression is not (Compression.NONE or Compression.LZW or Compression.ADOBE_DEFLATE or Compression.DEFLATE or Compression.PACKBITS))
            {
                return RasterErrors.UnsupportedFormat(layerName, $"压缩方式 {compression}");
            }

            bool tiled = tiff.IsTiled();
            int blockWidth, blockHeight;
            long[] offsets, counts;
            if (tiled)
            {
                blockWidth = tiff.GetField(TiffTag.TILEWIDTH)[0].ToInt();
                blockHeight = tiff.GetField(TiffTag.TILELENGTH)[0].ToInt();
                offsets = tiff.GetField(TiffTag.TILEOFFSETS)[0].TolongArray();
                counts = tiff.GetField(TiffTag.TILEBYTECOUNTS)[0].TolongArray();
            }
            else
            {
                blockWidth = width;
                // RowsPerStrip defaults to 2^32 − 1 (one strip), which reads back as a negative int.
                int rps = tiff.GetFieldDefaulted(TiffTag.ROWSPERSTRIP)[0].ToInt();
                blockHeight = rps <= 0 || rps > height ? height : rps;
                offsets = tiff.GetField(TiffTag.STRIPOFFSETS)[0].TolongArray();
                counts = tiff.GetField(TiffTag.STRIPBYTECOUNTS)[0].TolongArray();
            }

            var georef = ReadGeoreference(tiff, width, height, layerName);
            if (georef.IsFailure)
            {
                return georef.Error!;
            }

            double? noData = null;
            var nd = tiff.GetField(TiffTag.GDAL_NODATA);
            if (nd is not null && nd.Length > 1)
            {
                string text = nd[1].ToString().Trim('\0', ' ');
                if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
                {
                    noData = double.NaN;
                }
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    noData = v;
                }
            }

            SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
            int predictor = tiff.GetFieldDefaulted(TiffTag.PREDICTOR)?[0].ToInt() ?? 1;
            return new GeoTiffRaster(path, layerName, georef.Value, type.Value, noData, tiled, blockWidth, blockHeight, compression, predictor,
                offsets, counts, tiff.IsBigEndian(), handle);
        }
    }

    private static Result<RasterGrid> ReadGeoreference(Tiff tiff, int width, int height, string layerName)
    {
        var scaleField = tiff.GetField(TiffTag.GEOTIFF_MODELPIXELSCALETAG);
        var tieField = tiff.GetField(TiffTag.GEOTIFF_MODELTIEPOINTTAG);
        var keysField = tiff.GetField(TiffTag.GEOTIFF_GEOKEYDIRECTORYTAG);
        if (scaleField is null || tieField is null)
        {
            return RasterErrors.NotGeoreferenced(layerName, "缺少 ModelPixelScale 或 ModelTiepoint（不支持 ModelTransformation）");
        }

        if (keysField is null)
        {
            return RasterErrors.NotGeoreferenced(layerName, "缺少 GeoKeyDirectory");
        }

        double[] scale = scaleField[1].ToDoubleArray();
        double[] tie = tieField[1].ToDoubleArray();
        ushort[] keys = keysField[1].ToUShortArray();
        if (scale.Length < 2 || tie.Length < 6 || scale[0] <= 0 || scale[1] <= 0)
        {
            return RasterErrors.NotGeoreferenced(layerName, "像元大小或控制点无效");
        }

        int epsg = 0;
        bool pixelIsPoint = false;
        int keyCount = keys.Length >= 4 ? keys[3] : 0;
        for (int i = 0; i < keyCount && 4 + (i * 4) + 3 < keys.Length; i++)
        {
            int k = 4 + (i * 4);
            ushort id = keys[k], location = keys[k + 1], value = keys[k + 3];
            if (location != 0)
            {
                continue;
            }

            switch (id)
            {
                case 1025:
                    pixelIsPoint = value == 2;
                    break;
                case 3072 when value is > 0 and < 32767:
                    epsg = value;
                    break;
                case 2048 when value is > 0 and < 32767 && epsg == 0:
                    epsg = value;
                    break;
            }
        }

        if (epsg == 0)
        {
            return RasterErrors.NotGeoreferenced(layerName, "坐标系没有 EPSG 编码");
        }

        // ModelTiepoint maps raster (I, J) to model (X, Y); north-up, so y decreases with rows.
        double originX = tie[3] - (tie[0] * scale[0]);
        double originY = tie[4] + (tie[1] * scale[1]);
        if (pixelIsPoint)
        {
            // GDAL's default (GTIFF_POINT_GEO_IGNORE=NO): the tiepoint is the pixel centre.
            originX -= scale[0] / 2;
            originY += scale[1] / 2;
        }

        return new RasterGrid(width, height, originX, originY, scale[0], -scale[1], epsg);
    }

    /// <summary>Checks that <paramref name="other"/> has this layer's CRS, grid and extent.</summary>
    public Result CheckSameGrid(GeoTiffRaster other)
    {
        if (other.Grid.EpsgCode != Grid.EpsgCode)
        {
            return RasterErrors.CrsMismatch(other.LayerName, other.Grid.EpsgCode, LayerName, Grid.EpsgCode);
        }

        string? diff = Grid.DescribeDifference(other.Grid);
        return diff is null ? Result.Success() : RasterErrors.GridMismatch(other.LayerName, LayerName, diff);
    }

    internal int DecodedBlockBytes => BlockWidth * BlockHeight * BytesPerSample;

    /// <summary>
    /// True for uncompressed little-endian strips: rows are read where they lie, so neither the window
    /// height nor the scratch buffer depends on the strip height (some writers put a whole image in one strip).
    /// </summary>
    internal bool ReadsRows => rawReadable && !IsTiled;

    /// <summary>Uncompressed little-endian: any rows of a block can be read without decoding the block.</summary>
    internal bool IsRaw => rawReadable;

    /// <summary>Scratch a reader thread needs: one decoded block, or one row for <see cref="ReadsRows"/>.</summary>
    internal int ScratchBytes => ReadsRows ? Grid.Width * BytesPerSample : DecodedBlockBytes;

    internal static int SizeOf(RasterDataType t) => t switch
    {
        RasterDataType.Byte => 1,
        RasterDataType.Int16 or RasterDataType.UInt16 => 2,
        RasterDataType.Int32 or RasterDataType.UInt32 or RasterDataType.Float32 => 4,
        _ => 8,
    };

    /// <summary>Decoded bytes of one block into <paramref name="dest"/> (at least <see cref="DecodedBlockBytes"/>).</summary>
    internal bool ReadBlock(int block, byte[] dest)
    {
        int rows = IsTiled ? BlockHeight : Math.Min(BlockHeight, Grid.Height - (block * BlockHeight));
        int expected = rows * BlockWidth * BytesPerSample;
        if (byteCounts[block] == 0)
        {
            FillNoData(dest.AsSpan(0, expected));
            return true;
        }

        if (rawReadable)
        {
            return ReadRaw(offsets[block], dest.AsSpan(0, (int)Math.Min(expected, byteCounts[block])));
        }

        if (nativeInflate)
        {
            return Inflate(block, dest.AsSpan(0, expected), rows);
        }

        Tiff? t = decoders.Value;
        if (t is null)
        {
            return false;
        }

        int n = IsTiled ? t.ReadEncodedTile(block, dest, 0, expected) : t.ReadEncodedStrip(block, dest, 0, expected);
        return n >= expected;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private bool Inflate(int block, Span<byte> dest, int rows)
    {
        int compressed = (int)byteCounts[block];
        byte[] raw = ArrayPool<byte>.Shared.Rent(compressed);
        try
        {
            if (!ReadRaw(offsets[block], raw.AsSpan(0, compressed)))
            {
                return false;
            }

            using (var z = new ZLibStream(new MemoryStream(raw, 0, compressed, writable: false), CompressionMode.Decompress))
            {
                if (z.ReadAtLeast(dest, dest.Length, throwOnEndOfStream: false) < dest.Length)
                {
                    return false;
                }
            }

            int rowBytes = BlockWidth * BytesPerSample;
            if (predictor == 3 && raw.Length < rowBytes)
            {
                // The compressed bytes are spent; their buffer is reused as the plane scratch when big enough.
                ArrayPool<byte>.Shared.Return(raw);
                raw = ArrayPool<byte>.Shared.Rent(rowBytes);
            }

            for (int r = 0; r < rows; r++)
            {
                var row = dest.Slice(r * rowBytes, rowBytes);
                if (predictor == 2)
                {
                    UndoHorizontalDifferencing(row);
                }
                else if (predictor == 3)
                {
                    UndoFloatingPointPredictor(row, raw);
                }
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>TIFF predictor 2: each sample was stored as the difference to its left neighbour (wrapping).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void UndoHorizontalDifferencing(Span<byte> row)
    {
        switch (BytesPerSample)
        {
            case 1:
                for (int i = 1; i < row.Length; i++)
                {
                    row[i] = unchecked((byte)(row[i] + row[i - 1]));
                }

                break;
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(row);
                for (int i = 1; i < u16.Length; i++)
                {
                    u16[i] = unchecked((ushort)(u16[i] + u16[i - 1]));
                }

                break;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(row);
                for (int i = 1; i < u32.Length; i++)
                {
                    u32[i] = unchecked(u32[i] + u32[i - 1]);
                }

                break;
            default:
                var u64 = MemoryMarshal.Cast<byte, ulong>(row);
                for (int i = 1; i < u64.Length; i++)
                {
                    u64[i] = unchecked(u64[i] + u64[i - 1]);
                }

                break;
        }
    }

    /// <summary>
    /// TIFF predictor 3 (floating point): the row's samples were split into byte planes, most significant
    /// byte first, and the plane bytes stored as differences to their left neighbour. Undo both.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void UndoFloatingPointPredictor(Span<byte> row, byte[] tmp)
    {
        for (int i = 1; i < row.Length; i++)
        {
            row[i] = unchecked((byte)(row[i] + row[i - 1]));
        }

        int bps = BytesPerSample, count = row.Length / bps;
        var planes = tmp.AsSpan(0, row.Length);
        row.CopyTo(planes);
        if (bps == 4)
        {
            var p3 = planes[..count];
            var p2 = planes.Slice(count, count);
            var p1 = planes.Slice(2 * count, count);
            var p0 = planes.Slice(3 * count, count);
            var words = MemoryMarshal.Cast<byte, uint>(row);
            for (int s = 0; s < count; s++)
            {
                words[s] = p0[s] | ((uint)p1[s] << 8) | ((uint)p2[s] << 16) | ((uint)p3[s] << 24);
            }

            return;
        }

        for (int s = 0; s < count; s++)
        {
            for (int b = 0; b < bps; b++)
            {
                row[(s * bps) + b] = planes[((bps - 1 - b) * count) + s];
            }
        }
    }

    private bool ReadRaw(long offset, Span<byte> dest)
    {
        while (!dest.IsEmpty)
        {
            int n = RandomAccess.Read(handle, dest, offset);
            if (n <= 0)
            {
                return false;
            }

            dest = dest[n..];
            offset += n;
        }

        return true;
    }

    private void FillNoData(Span<byte> dest)
    {
        dest.Clear();
        if (NoData is not double nd || nd == 0)
        {
            return;
        }

        switch (DataType)
        {
            case RasterDataType.Float32: MemoryMarshal.Cast<byte, float>(dest).Fill((float)nd); break;
            case RasterDataType.Float64: MemoryMarshal.Cast<byte, double>(dest).Fill(nd); break;
            case RasterDataType.Int32: MemoryMarshal.Cast<byte, int>(dest).Fill((int)nd); break;
            case RasterDataType.UInt32: MemoryMarshal.Cast<byte, uint>(dest).Fill((uint)nd); break;
            case RasterDataType.Int16: MemoryMarshal.Cast<byte, short>(dest).Fill((short)nd); break;
            case RasterDataType.UInt16: MemoryMarshal.Cast<byte, ushort>(dest).Fill((ushort)nd); break;
            default: dest.Fill((byte)nd); break;
        }
    }

    /// <summary>
    /// Reads the window [x0, x0+w) × [y0, y0+h) into <paramref name="dest"/> with row stride
    /// <paramref name="stride"/>, converting samples to <typeparamref name="T"/> (float or int).
    /// <paramref name="scratch"/> must hold <see cref="ScratchBytes"/> (compressed blocks decode into it).
    /// Returns the index of a block that failed to decode, or -1.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal int ReadWindow<T>(int x0, int y0, int w, int h, Span<T> dest, int stride, byte[] scratch)
        where T : unmanaged
    {
        int bw = BlockWidth, bh = BlockHeight;
        bool sameType = (typeof(T) == typeof(float) && DataType == RasterDataType.Float32)
            || (typeof(T) == typeof(int) && DataType == RasterDataType.Int32);
        if (ReadsRows)
        {
            return ReadRows(x0, y0, w, h, dest, stride, scratch, sameType);
        }

        for (int by = y0 / bh; by <= (y0 + h - 1) / bh; by++)
        {
            for (int bx = x0 / bw; bx <= (x0 + w - 1) / bw; bx++)
            {
                int block = (by * blocksAcross) + bx;
                int bX0 = bx * bw, bY0 = by * bh;
                if (sameType && rawReadable && IsTiled && bX0 == x0 && stride == bw && y0 >= bY0 && y0 + h <= bY0 + bh && byteCounts[block] != 0)
                {
                    // The window is this tile or a band of its rows: read straight into the caller's buffer.
                    if (!ReadRaw(offsets[block] + ((long)(y0 - bY0) * bw * BytesPerSample), MemoryMarshal.AsBytes(dest[..(h * bw)])))
                    {
                        return block;
                    }

                    continue;
                }

                if (!ReadBlock(block, scratch))
                {
                    return block;
                }

                int cx0 = Math.Max(x0, bX0), cx1 = Math.Min(x0 + w, Math.Min(bX0 + bw, Grid.Width));
                int cy0 = Math.Max(y0, bY0), cy1 = Math.Min(y0 + h, Math.Min(bY0 + bh, Grid.Height));
                for (int y = cy0; y < cy1; y++)
                {
                    int srcStart = (((y - bY0) * bw) + (cx0 - bX0)) * BytesPerSample;
                    var src = scratch.AsSpan(srcStart, (cx1 - cx0) * BytesPerSample);
                    Convert(src, dest.Slice(((y - y0) * stride) + (cx0 - x0), cx1 - cx0));
                }
            }
        }

        return -1;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int ReadRows<T>(int x0, int y0, int w, int h, Span<T> dest, int stride, byte[] scratch, bool sameType)
        where T : unmanaged
    {
        int bps = BytesPerSample;
        long rowBytes = (long)Grid.Width * bps;
        for (int y = y0; y < y0 + h;)
        {
            int strip = y / BlockHeight;
            int inStrip = Math.Min(y0 + h, (strip + 1) * BlockHeight) - y;
            long offset = offsets[strip] + ((y - (strip * BlockHeight)) * rowBytes) + ((long)x0 * bps);
            if (byteCounts[strip] == 0)
            {
                FillNoData(scratch.AsSpan(0, w * bps));
                for (int r = 0; r < inStrip; r++)
                {
                    Convert<T>(scratch.AsSpan(0, w * bps), dest.Slice(((y - y0 + r) * stride), w));
                }
            }
            else if (sameType && x0 == 0 && w == Grid.Width && stride == w)
            {
                // Whole rows of the same type: one read for every row of this strip in the window.
                if (!ReadRaw(offset, MemoryMarshal.AsBytes(dest.Slice((y - y0) * stride, inStrip * w))))
                {
                    return strip;
                }
            }
            else
            {
                for (int r = 0; r < inStrip; r++)
                {
                    var row = scratch.AsSpan(0, w * bps);
                    if (!ReadRaw(offset + (r * rowBytes), row))
                    {
                        return strip;
                    }

                    Convert<T>(row, dest.Slice((y - y0 + r) * stride, w));
                }
            }

            y += inStrip;
        }

        return -1;
    }

    private void Convert<T>(ReadOnlySpan<byte> src, Span<T> dst)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var d = MemoryMarshal.Cast<T, float>(dst);
            switch (DataType)
            {
                case RasterDataType.Float32: MemoryMarshal.Cast<byte, float>(src).CopyTo(d); break;
                case RasterDataType.Float64: var f64 = MemoryMarshal.Cast<byte, double>(src); for (int i = 0; i < d.Length; i++) { d[i] = (float)f64[i]; } break;
                case RasterDataType.Int32: var i32 = MemoryMarshal.Cast<byte, int>(src); for (int i = 0; i < d.Length; i++) { d[i] = i32[i]; } break;
                case RasterDataType.UInt32: var u32 = MemoryMarshal.Cast<byte, uint>(src); for (int i = 0; i < d.Length; i++) { d[i] = u32[i]; } break;
                case RasterDataType.Int16: var i16 = MemoryMarshal.Cast<byte, short>(src); for (int i = 0; i < d.Length; i++) { d[i] = i16[i]; } break;
                case RasterDataType.UInt16: var u16 = MemoryMarshal.Cast<byte, ushort>(src); for (int i = 0; i < d.Length; i++) { d[i] = u16[i]; } break;
                default: for (int i = 0; i < d.Length; i++) { d[i] = src[i]; } break;
            }
        }
        else if (typeof(T) == typeof(int))
        {
            var d = MemoryMarshal.Cast<T, int>(dst);
            switch (DataType)
            {
                case RasterDataType.Int32: MemoryMarshal.Cast<byte, int>(src).CopyTo(d); break;
                case RasterDataType.Float32: var f32 = MemoryMarshal.Cast<byte, float>(src); for (int i = 0; i < d.Length; i++) { d[i] = float.IsNaN(f32[i]) ? int.MinValue : (int)f32[i]; } break;
                case RasterDataType.Float64: var f64 = MemoryMarshal.Cast<byte, double>(src); for (int i = 0; i < d.Length; i++) { d[i] = double.IsNaN(f64[i]) ? int.MinValue : (int)f64[i]; } break;
                case RasterDataType.UInt32: var u32 = MemoryMarshal.Cast<byte, uint>(src); for (int i = 0; i < d.Length; i++) { d[i] = u32[i] > int.MaxValue ? int.MaxValue : (int)u32[i]; } break;
                case RasterDataType.Int16: var i16 = MemoryMarshal.Cast<byte, short>(src); for (int i = 0; i < d.Length; i++) { d[i] = i16[i]; } break;
                case RasterDataType.UInt16: var u16 = MemoryMarshal.Cast<byte, ushort>(src); for (int i = 0; i < d.Length; i++) { d[i] = u16[i]; } break;
                default: for (int i = 0; i < d.Length; i++) { d[i] = src[i]; } break;
            }
        }
        else
        {
            throw new NotSupportedException(typeof(T).Name);
        }
    }

    /// <summary>Reads the whole layer as float (tests and small rasters only: allocates width × height).</summary>
    public float[] ReadAllAsFloat()
    {
        var all = new float[Grid.PixelCount];
        int bad = ReadWindow<float>(0, 0, Grid.Width, Grid.Height, all, Grid.Width, new byte[ScratchBytes]);
        return bad >= 0 ? throw new InvalidDataException($"{LayerName}: block {bad} failed to decode") : all;
    }

    /// <summary>Reads the whole layer as int (tests and small rasters only).</summary>
    public int[] ReadAllAsInt()
    {
        var all = new int[Grid.PixelCount];
        int bad = ReadWindow<int>(0, 0, Grid.Width, Grid.Height, all, Grid.Width, new byte[ScratchBytes]);
        return bad >= 0 ? throw new InvalidDataException($"{LayerName}: block {bad} failed to decode") : all;
    }

    public void Dispose()
    {
        foreach (var t in decoders.Values)
        {
            t?.Dispose();
        }

        decoders.Dispose();
        handle.Dispose();
    }

    private sealed class QuietTiffErrors : TiffErrorHandler
    {
        // LibTiff warns about every GeoTIFF tag it has no schema for; failures surface as return values.
        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }
}

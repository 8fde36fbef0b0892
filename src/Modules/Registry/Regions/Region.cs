using Qingshan.Kernel.NationalCodes;

namespace Qingshan.Registry.Regions;

/// <summary>An administrative division (GB/T 2260 code, name, parent).</summary>
internal sealed class Region
{
    private Region()
    {
    }

    public Region(AdminDivisionCode code, string name)
    {
        Code = code.Value;
        Name = name;
        Level = code.Level;
        ParentCode = code.Parent?.Value;
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public AdminLevel Level { get; private set; }

    public string? ParentCode { get; private set; }

    public bool IsActive { get; private set; } = true;

    public void Rename(string name) => Name = name;

    public void SetActive(bool active) => IsActive = active;
}

using Qingshan.Kernel.NationalCodes;

namespace Qingshan.Tests.Kernel;

public sealed class NationalCodeTests
{
    [Theory]
    [InlineData("91110000802100433B", true)] // a published Beijing enterprise code
    [InlineData("91110000802100433C", false)] // check character altered
    [InlineData("9111000080210043OB", false)] // O is not in the alphabet
    [InlineData("91110000802100433", false)]
    public void Unified_social_credit_code_is_checked_by_its_check_character(string text, bool valid)
    {
        Assert.Equal(valid, UnifiedSocialCreditCode.TryParse(text, out _));
    }

    [Theory]
    [InlineData("11010519491231002X", true)] // the GB 11643 worked example
    [InlineData("110105194912310021", false)]
    [InlineData("11010519491331002X", false)] // no 13th month
    public void Resident_id_number_is_checked_by_its_check_digit_and_birth_date(string text, bool valid)
    {
        Assert.Equal(valid, ResidentIdNumber.TryParse(text, out _));
    }

    [Fact]
    public void Resident_id_number_is_masked_keeping_three_leading_and_four_trailing_characters()
    {
        Assert.Equal("110***********002X", ResidentIdNumber.Parse("11010519491231002X").Masked);
    }

    [Fact]
    public void Admin_division_code_knows_its_level_parent_and_what_it_contains()
    {
        var county = AdminDivisionCode.Parse("211322");
        Assert.Equal(AdminLevel.County, county.Level);
        Assert.Equal("211300", county.Parent!.Value.Value);
        Assert.Equal(AdminLevel.City, county.Parent!.Value.Level);
        Assert.True(AdminDivisionCode.Parse("210000").Contains(county));
        Assert.True(AdminDivisionCode.Parse("211300").Contains(county));
        Assert.False(AdminDivisionCode.Parse("211400").Contains(county));
        Assert.False(AdminDivisionCode.TryParse("990000", out _));
        Assert.False(AdminDivisionCode.TryParse("210022", out _));
        Assert.False(AdminDivisionCode.TryParse("21132", out _));
    }

    [Theory]
    [InlineData("0301", "乔木林地", "03")]
    [InlineData("0103", "旱地", "01")]
    public void Land_use_code_has_its_gb_t_21010_name_and_class(string code, string name, string @class)
    {
        var parsed = LandUseCode.Parse(code);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(@class, parsed.Class.Value);
        Assert.False(LandUseCode.TryParse("0399", out _));
    }
}

"""Reading the spreadsheets the offices upload (stock, rent): xlsx, or CSV as Excel saves it (R-X.5)."""


def sniff_format(name: str, content: bytes) -> str | None:
    """'xlsx' or 'csv' from the name and the first bytes; None for anything else."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return "xlsx" if content[:4] == b"PK\x03\x04" else None
    if lower.endswith(".csv"):
        return None if b"\x00" in content[:4096] else "csv"
    return None


def decode_csv(content: bytes) -> str | None:
    """The text of a CSV file: UTF-8 (with or without the BOM), or GBK as Excel on a Chinese Windows saves it;
    None if it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None

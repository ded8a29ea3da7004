"""Make the small PDFs the tests read (run once; the PDFs are committed).

    python tests/data/make_fixtures.py

- kz1048.pdf: a Kazakh letter whose text layer stores the Kazakh letters in the KZ-1048
  slots of Windows-1251 (as PDFs typed in legacy "KZ" fonts do): "Ќазаќстан" for "Қазақстан".
- encrypted.pdf: a letter that needs a password to open.
- nopages.pdf: a well-formed PDF with an empty page tree.
Needs LibreOffice (soffice) and fonts-liberation.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "corpus"))
from build import to_fodt  # noqa: E402

sys.path.insert(0, str(HERE.parents[1]))
from kzdocs.normalize import KZ1048_REPAIR  # noqa: E402

LETTER = """[right]
Қазақстан Республикасының
Ауыл шаруашылығы министрі
Е.Қ. Қарашөкеевке

[center]
Депутаттық сауал

[body]
Құрметті Ербол Қайырбекұлы!
Өңірлердегі шаруа қожалықтарының жағдайы бізді қатты алаңдатады. Биыл құрғақшылық салдарынан Қызылорда облысында егіннің 30 пайызы шығынға ұшырады, мал азығының бағасы екі есеге өсті.
Осыған байланысты шаруаларға жеңілдетілген несие беру мәселесін қарастыруды сұраймыз.

[closing]
Құрметпен,

[signatures:list]
Мәжіліс депутаты
Ғ. Өмірұлы
"""


def main() -> None:
    legacy = LETTER.translate(str.maketrans({v: k for k, v in KZ1048_REPAIR.items()}))
    (HERE / "kz1048.txt").write_text(LETTER, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "kz1048.fodt"
        src.write_text(to_fodt(legacy), encoding="utf-8")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(HERE),
                        str(src)], check=True, capture_output=True)
        plain = Path(tmp) / "encrypted.fodt"
        plain.write_text(to_fodt(LETTER), encoding="utf-8")
        options = {"EncryptFile": {"type": "boolean", "value": "true"},
                   "DocumentOpenPassword": {"type": "string", "value": "secret"}}
        subprocess.run(["soffice", "--headless", "--convert-to",
                        "pdf:writer_pdf_Export:" + json.dumps(options), "--outdir", str(HERE),
                        str(plain)], check=True, capture_output=True)
    import pypdfium2 as pdfium

    pdfium.PdfDocument.new().save(HERE / "nopages.pdf")


if __name__ == "__main__":
    main()

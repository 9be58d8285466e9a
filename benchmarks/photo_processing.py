"""How long checking and processing a product photo takes, and how much memory it needs.

    python benchmarks/photo_processing.py

Each photo is processed in a fresh process (so one photo's peak cannot hide another's)
by `catalogue.images.process_photo`, the function behind every photo form. Prints one
line per photo: size, outcome, seconds, and the growth of the resident memory peak.
"""

import io
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make(kind: str) -> tuple[str, bytes]:
    from PIL import Image

    sys.path.insert(0, str(ROOT))
    from tests.producers.hostile_photos import png_bomb

    if kind == "bomb":
        return "bomb.png", png_bomb()
    width, height, fmt = {
        "phone-12mp.jpg": (4000, 3000, "JPEG"),
        "camera-40mp.jpg": (7300, 5470, "JPEG"),
        "scan-16mp.png": (4600, 3450, "PNG"),
        "scan-40mp.png": (7300, 5470, "PNG"),
        "small-1mp.webp": (1200, 900, "WEBP"),
    }[kind]
    if fmt == "PNG":  # a scan: smooth tones, which is what keeps a PNG this small
        grey = Image.linear_gradient("L").resize((width, height))
    else:  # a photo: some texture
        grey = Image.effect_noise((width // 8, height // 8), 60).resize((width, height))
    image = Image.merge(
        "RGB", (grey, grey.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grey)
    )
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 80} if fmt != "PNG" else {"optimize": True}))
    return kind, buffer.getvalue()


def measure(name: str) -> dict:
    """Run in a child process: the photo's bytes come from the parent on stdin."""
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from catalogue.images import process_photo

    data = sys.stdin.buffer.read()
    upload = SimpleUploadedFile(name, data)

    def status(field: str) -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
        return 0.0

    Path("/proc/self/clear_refs").write_text("5")  # start the peak afresh
    before = status("VmRSS")
    started = time.perf_counter()
    try:
        stored = process_photo(upload)
        outcome = f"stored {stored.name} ({len(stored) // 1024} KiB)"
    except ValidationError as exc:
        outcome = f"refused: {exc.messages[0]}"
    seconds = time.perf_counter() - started
    return {
        "file": f"{name} ({len(data) / 1_048_576:.1f} MiB)",
        "outcome": outcome,
        "seconds": round(seconds, 2),
        "memory_growth_mb": round(status("VmHWM") - before, 1),
    }


def main() -> None:
    kinds = [
        "small-1mp.webp",
        "phone-12mp.jpg",
        "camera-40mp.jpg",
        "scan-16mp.png",
        "scan-40mp.png",
        "bomb",
    ]
    for kind in kinds:
        name, data = make(kind)
        result = subprocess.run(
            [sys.executable, __file__, "--measure", name],
            input=data,
            capture_output=True,
            check=True,
        )
        row = json.loads(result.stdout.decode().strip().splitlines()[-1])
        print(
            f"{row['file']:<32} {row['seconds']:>6.2f} s  "
            f"+{row['memory_growth_mb']:>6.1f} MB  {row['outcome']}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2])))
    else:
        main()

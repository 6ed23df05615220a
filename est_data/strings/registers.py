"""Strings of issue 15 items 1 and 2: Brå's yearly municipality files and the incident-register importer."""

STRINGS: dict[str, tuple[str, str]] = {
    # Brå's yearly file per municipality
    "bra.error.rate": ("ogiltigt antal per 100 000 invånare: {value}", "invalid rate per 100,000 inhabitants: {value}"),
    "bra.error.no_year": ("året framgår inte av filnamnet; ange det (--year ÅÅÅÅ)",
                          "the year is not in the file name; give it (--year YYYY)"),
    "bra.yearly": ("Brås årsfil per kommun för {year}: {n} kommuner (samtliga anmälda brott)",
                   "Brå's yearly file per municipality for {year}: {n} municipalities (all reported crimes)"),
    "bra.districts": ("{n} stadsdelar i Stockholm lästes inte in (de är inte kommuner): {names}",
                      "{n} Stockholm districts were not loaded (they are not municipalities): {names}"),
    "bra.national": ("raden Hela landet sparades som riket, inte som en kommun",
                     "the row Hela landet was kept as the national figure, not as a municipality"),
    # Uppföljning: the municipality against others of similar size
    "similar.title": ("Jämfört med kommuner av liknande storlek (Brå, samtliga anmälda brott)",
                      "Compared with municipalities of similar size (Brå, all reported crimes)"),
    "similar.year": ("År", "Year"),
    "similar.col.rank": ("Plats", "Rank"),
    "similar.col.municipality": ("Kommun", "Municipality"),
    "similar.col.population": ("Folkmängd (ca)", "Population (approx.)"),
    "similar.col.count": ("Anmälda brott", "Reported crimes"),
    "similar.col.rate": ("Per 100 000 inv.", "Per 100,000 inhabitants"),
    "similar.summary": ("{name} {year}: {rate} anmälda brott per 100 000 invånare, plats {rank} av {n} bland kommuner "
                        "av liknande storlek (1 = lägst; gruppens median {median}){national}.",
                        "{name} {year}: {rate} reported crimes per 100,000 inhabitants, rank {rank} of {n} among "
                        "municipalities of similar size (1 = lowest; the group's median {median}){national}."),
    "similar.national": ("; hela landet {rate}", "; Sweden as a whole {rate}"),
    "similar.caption": ("Folkmängden är den Brå räknade med: antal × 100 000 / antal per 100 000 inv. i Brås årsfil. "
                        "Gruppen är de kommuner som ligger närmast i folkmängd.",
                        "The population is the one Brå used: count × 100,000 / rate in Brå's yearly file. The group "
                        "is the municipalities nearest in population."),
    "similar.none": ("Importera Brås årsfil per kommun (\"Anmälda brott kommunerna ÅÅÅÅ.csv\") under Data för att "
                     "jämföra med kommuner av liknande storlek.",
                     "Import Brå's yearly file per municipality (\"Anmälda brott kommunerna YYYY.csv\") under Data to "
                     "compare with municipalities of similar size."),
}

"""GDELT 2.0's geography fields (``ActionGeo_*``) of a located event."""

from __future__ import annotations

from .gazetteer import Gazetteer

#: GDELT's geographic types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state; a
#: county is a point below the state, as GDELT's cities and landmarks are.
_TYPES = {("country", False): 1, ("admin1", True): 2, ("city", True): 3, ("city", False): 4, ("admin1", False): 5,
          ("admin2", True): 3, ("admin2", False): 4}


def action_geo(gaz: Gazetteer, e: dict) -> dict:
    """Type, FullName ("Seoul, Seoul, South Korea"), CountryCode and ADM1Code (FIPS 10-4,
    as GDELT has them), Lat, Long and FeatureID (the GeoNames id) of an event row's location."""
    country = gaz.country(e.get("location_country"))
    cc = country.cc if country else ""
    fips = gaz.countries[cc].fips if cc in gaz.countries else ""
    precision = e.get("location_precision") or ""
    admin1 = next((a for a in gaz.lookup(e.get("location_admin1") or "") if a.kind == "admin1" and a.cc == cc),
                  None)
    parts = [e.get("location_name"), e.get("location_admin1") if precision in ("city", "admin2") else None,
             country.name if country and precision != "country" else None]
    if precision == "country":
        parts = [country.name if country else e.get("location_name")]
    return {"Type": _TYPES.get((precision, cc == "US"), ""),
            "FullName": ", ".join(dict.fromkeys(p for p in parts if p)),
            "CountryCode": fips, "ADM1Code": f"{fips}{admin1.admin1}" if admin1 and fips else fips,
            "Lat": e.get("location_lat"), "Long": e.get("location_lon"),
            "FeatureID": e.get("location_geonames_id") or (fips if precision == "country" else "")}

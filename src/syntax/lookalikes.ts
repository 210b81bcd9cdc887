// Letters that look like another letter Nabla reads (Cyrillic х beside Latin x, Greek Α beside A,
// the math italic 𝑥 a PDF pastes): a name holding one is a different name from the one it looks
// like, so `x = 2` then `х + x` showed `х + 2` with no hint. A statement that holds one outside a
// string is refused at that letter, naming it by code point and saying what to type instead.
//
// What is refused:
// - a letter that Unicode's confusables.txt (Unicode Security Mechanisms, UTS #39, data 13.0: the
//   "Recommended confusable mapping for IDN") maps to one Latin letter, one of Nabla's Greek letters
//   or a digit: Cyrillic а е о р с у х ѕ і ј ԁ, Greek capitals drawn as Latin ones (Α Β Ε Η Ι Κ Μ Ν
//   Ο Ρ Τ Υ Χ Ζ) and ο, Armenian, Cherokee, Lisu, Coptic, the micro sign µ (μ), the Kelvin and ohm
//   signs, and so on (LOOKALIKES below), with the Cyrillic small letters the file maps to small
//   capitals (в к м н т: B k M H T) and those small capitals themselves;
// - the math alphabets drawn like plain letters: bold, italic, sans-serif and monospace 𝐱 𝑥 𝘅 𝚡 𝜶,
//   and the fullwidth ｘ.
// What is kept: Nabla's Greek alphabet (α–ω with the Greek capitals of their own shape; ν, ι, ρ are
// Greek letters, typed as such), the variants TeX names (ϖ ϱ), the letters of their own style that
// notes use as symbols (ℓ, 𝔼, ℒ, ℕ, 𝓛: double-struck, script and fraktur), and names written wholly in
// another script (速度, ж). A name that mixes another script with Latin or Greek letters (xж) is
// refused too: that mix is how one name is made to pass for another, even with a letter the table
// does not hold.
import { GREEK, isLetter } from "./names.js";

/**
 * Code point, the letter it looks like, the character's Unicode name. Made from confusables.txt: its
 * letters whose prototype is one Latin letter, Greek letter or digit, less those kept above; a
 * capital drawn as a bar shows as I (the file's prototype is l).
 */
const LOOKALIKES = `
00B5 μ MICRO SIGN
0131 i LATIN SMALL LETTER DOTLESS I
017F f LATIN SMALL LETTER LONG S
0184 b LATIN CAPITAL LETTER TONE SIX
018D g LATIN SMALL LETTER TURNED DELTA
0196 I LATIN CAPITAL LETTER IOTA
01A6 R LATIN LETTER YR
01A7 2 LATIN CAPITAL LETTER TONE TWO
01B7 3 LATIN CAPITAL LETTER EZH
01BC 5 LATIN CAPITAL LETTER TONE FIVE
01BD s LATIN SMALL LETTER TONE FIVE
01C0 l LATIN LETTER DENTAL CLICK
021C 3 LATIN CAPITAL LETTER YOGH
0222 8 LATIN CAPITAL LETTER OU
0223 8 LATIN SMALL LETTER OU
0251 a LATIN SMALL LETTER ALPHA
0261 g LATIN SMALL LETTER SCRIPT G
0262 G LATIN LETTER SMALL CAPITAL G
0263 y LATIN SMALL LETTER GAMMA
0269 i LATIN SMALL LETTER IOTA
026A i LATIN LETTER SMALL CAPITAL I
026F w LATIN SMALL LETTER TURNED M
0274 N LATIN LETTER SMALL CAPITAL N
0280 R LATIN LETTER SMALL CAPITAL R
028B u LATIN SMALL LETTER V WITH HOOK
028F y LATIN LETTER SMALL CAPITAL Y
0299 B LATIN LETTER SMALL CAPITAL B
029C H LATIN LETTER SMALL CAPITAL H
029F L LATIN LETTER SMALL CAPITAL L
037A i GREEK YPOGEGRAMMENI
037F J GREEK CAPITAL LETTER YOT
0391 A GREEK CAPITAL LETTER ALPHA
0392 B GREEK CAPITAL LETTER BETA
0395 E GREEK CAPITAL LETTER EPSILON
0396 Z GREEK CAPITAL LETTER ZETA
0397 H GREEK CAPITAL LETTER ETA
0399 I GREEK CAPITAL LETTER IOTA
039A K GREEK CAPITAL LETTER KAPPA
039C M GREEK CAPITAL LETTER MU
039D N GREEK CAPITAL LETTER NU
039F O GREEK CAPITAL LETTER OMICRON
03A1 P GREEK CAPITAL LETTER RHO
03A4 T GREEK CAPITAL LETTER TAU
03A5 Y GREEK CAPITAL LETTER UPSILON
03A7 X GREEK CAPITAL LETTER CHI
03BF o GREEK SMALL LETTER OMICRON
03D2 Y GREEK UPSILON WITH HOOK SYMBOL
03DC F GREEK LETTER DIGAMMA
03E8 2 COPTIC CAPITAL LETTER HORI
03F2 c GREEK LUNATE SIGMA SYMBOL
03F3 j GREEK LETTER YOT
03F9 C GREEK CAPITAL LUNATE SIGMA SYMBOL
03FA M GREEK CAPITAL LETTER SAN
0405 S CYRILLIC CAPITAL LETTER DZE
0406 I CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
0408 J CYRILLIC CAPITAL LETTER JE
0410 A CYRILLIC CAPITAL LETTER A
0412 B CYRILLIC CAPITAL LETTER VE
0413 Γ CYRILLIC CAPITAL LETTER GHE
0415 E CYRILLIC CAPITAL LETTER IE
0417 3 CYRILLIC CAPITAL LETTER ZE
041A K CYRILLIC CAPITAL LETTER KA
041C M CYRILLIC CAPITAL LETTER EM
041D H CYRILLIC CAPITAL LETTER EN
041E O CYRILLIC CAPITAL LETTER O
041F Π CYRILLIC CAPITAL LETTER PE
0420 P CYRILLIC CAPITAL LETTER ER
0421 C CYRILLIC CAPITAL LETTER ES
0422 T CYRILLIC CAPITAL LETTER TE
0423 Y CYRILLIC CAPITAL LETTER U
0424 Φ CYRILLIC CAPITAL LETTER EF
0425 X CYRILLIC CAPITAL LETTER HA
042C b CYRILLIC CAPITAL LETTER SOFT SIGN
0430 a CYRILLIC SMALL LETTER A
0431 6 CYRILLIC SMALL LETTER BE
0432 B CYRILLIC SMALL LETTER VE
0433 r CYRILLIC SMALL LETTER GHE
0435 e CYRILLIC SMALL LETTER IE
0437 3 CYRILLIC SMALL LETTER ZE
043A k CYRILLIC SMALL LETTER KA
043C M CYRILLIC SMALL LETTER EM
043D H CYRILLIC SMALL LETTER EN
043E o CYRILLIC SMALL LETTER O
043F π CYRILLIC SMALL LETTER PE
0440 p CYRILLIC SMALL LETTER ER
0441 c CYRILLIC SMALL LETTER ES
0442 T CYRILLIC SMALL LETTER TE
0443 y CYRILLIC SMALL LETTER U
0445 x CYRILLIC SMALL LETTER HA
044C b CYRILLIC SMALL LETTER SOFT SIGN
0455 s CYRILLIC SMALL LETTER DZE
0456 i CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
0458 j CYRILLIC SMALL LETTER JE
0461 w CYRILLIC SMALL LETTER OMEGA
0470 Ψ CYRILLIC CAPITAL LETTER PSI
0471 ψ CYRILLIC SMALL LETTER PSI
0474 V CYRILLIC CAPITAL LETTER IZHITSA
0475 v CYRILLIC SMALL LETTER IZHITSA
04AE Y CYRILLIC CAPITAL LETTER STRAIGHT U
04AF y CYRILLIC SMALL LETTER STRAIGHT U
04BB h CYRILLIC SMALL LETTER SHHA
04BD e CYRILLIC SMALL LETTER ABKHASIAN CHE
04C0 I CYRILLIC LETTER PALOCHKA
04CF i CYRILLIC SMALL LETTER PALOCHKA
04E0 3 CYRILLIC CAPITAL LETTER ABKHASIAN DZE
0501 d CYRILLIC SMALL LETTER KOMI DE
050C G CYRILLIC CAPITAL LETTER KOMI SJE
051B q CYRILLIC SMALL LETTER QA
051C W CYRILLIC CAPITAL LETTER WE
051D w CYRILLIC SMALL LETTER WE
054D U ARMENIAN CAPITAL LETTER SEH
054F S ARMENIAN CAPITAL LETTER TIWN
0553 Φ ARMENIAN CAPITAL LETTER PIWR
0555 O ARMENIAN CAPITAL LETTER OH
0561 w ARMENIAN SMALL LETTER AYB
0563 q ARMENIAN SMALL LETTER GIM
0566 q ARMENIAN SMALL LETTER ZA
0570 h ARMENIAN SMALL LETTER HO
0578 n ARMENIAN SMALL LETTER VO
057C n ARMENIAN SMALL LETTER RA
057D u ARMENIAN SMALL LETTER SEH
0581 g ARMENIAN SMALL LETTER CO
0584 f ARMENIAN SMALL LETTER KEH
0585 o ARMENIAN SMALL LETTER OH
05D5 l HEBREW LETTER VAV
05D8 v HEBREW LETTER TET
05DF l HEBREW LETTER FINAL NUN
05E1 o HEBREW LETTER SAMEKH
0627 l ARABIC LETTER ALEF
0647 o ARABIC LETTER HEH
06BE o ARABIC LETTER HEH DOACHASHMEE
06C1 o ARABIC LETTER HEH GOAL
06D5 o ARABIC LETTER AE
07CA l NKO LETTER A
0B20 O ORIYA LETTER TTHA
0D20 o MALAYALAM LETTER TTHA
101D o MYANMAR LETTER WA
10E7 y GEORGIAN LETTER QAR
10FF o GEORGIAN LETTER LABIAL SIGN
1200 U ETHIOPIC SYLLABLE HA
1240 Φ ETHIOPIC SYLLABLE QA
12D0 O ETHIOPIC SYLLABLE PHARYNGEAL A
13A0 D CHEROKEE LETTER A
13A1 R CHEROKEE LETTER E
13A2 T CHEROKEE LETTER I
13A5 i CHEROKEE LETTER V
13A9 Y CHEROKEE LETTER GI
13AA A CHEROKEE LETTER GO
13AB J CHEROKEE LETTER GU
13AC E CHEROKEE LETTER GV
13B1 Γ CHEROKEE LETTER HU
13B3 W CHEROKEE LETTER LA
13B7 M CHEROKEE LETTER LU
13BB H CHEROKEE LETTER MI
13BD Y CHEROKEE LETTER MU
13C0 G CHEROKEE LETTER NAH
13C2 h CHEROKEE LETTER NI
13C3 Z CHEROKEE LETTER NO
13CE 4 CHEROKEE LETTER SE
13CF b CHEROKEE LETTER SI
13D2 R CHEROKEE LETTER SV
13D4 W CHEROKEE LETTER TA
13D5 S CHEROKEE LETTER DE
13D9 V CHEROKEE LETTER DO
13DA S CHEROKEE LETTER DU
13DE L CHEROKEE LETTER TLE
13DF C CHEROKEE LETTER TLI
13E2 P CHEROKEE LETTER TLV
13E6 K CHEROKEE LETTER TSO
13E7 d CHEROKEE LETTER TSU
13EE 6 CHEROKEE LETTER WV
13F3 G CHEROKEE LETTER YU
13F4 B CHEROKEE LETTER YV
1403 Δ CANADIAN SYLLABICS I
142F V CANADIAN SYLLABICS PE
144C U CANADIAN SYLLABICS TE
146D P CANADIAN SYLLABICS KI
146F d CANADIAN SYLLABICS KO
1472 b CANADIAN SYLLABICS KA
148D J CANADIAN SYLLABICS CO
14A5 Γ CANADIAN SYLLABICS MI
14AA L CANADIAN SYLLABICS MA
14BF 2 CANADIAN SYLLABICS SAYISI M
1541 x CANADIAN SYLLABICS SAYISI YI
157C H CANADIAN SYLLABICS NUNAVUT H
157D x CANADIAN SYLLABICS HK
1587 R CANADIAN SYLLABICS TLHI
15AF b CANADIAN SYLLABICS AIVILIK B
15B4 F CANADIAN SYLLABICS BLACKFOOT WE
15C5 A CANADIAN SYLLABICS CARRIER GHO
15DE D CANADIAN SYLLABICS CARRIER THE
15EA D CANADIAN SYLLABICS CARRIER PE
15F0 M CANADIAN SYLLABICS CARRIER GO
15F7 B CANADIAN SYLLABICS CARRIER KHE
162F Ω CANADIAN SYLLABICS CARRIER LHO
1635 Ω CANADIAN SYLLABICS CARRIER TLHO
16B7 X RUNIC LETTER GEBO GYFU G
16C1 l RUNIC LETTER ISAZ IS ISS I
16D5 K RUNIC LETTER OPEN-P
16D6 M RUNIC LETTER EHWAZ EH E
16D8 Ψ RUNIC LETTER LONG-BRANCH-MADR M
1D00 A LATIN LETTER SMALL CAPITAL A
1D04 c LATIN LETTER SMALL CAPITAL C
1D05 D LATIN LETTER SMALL CAPITAL D
1D07 E LATIN LETTER SMALL CAPITAL E
1D0A J LATIN LETTER SMALL CAPITAL J
1D0B K LATIN LETTER SMALL CAPITAL K
1D0D M LATIN LETTER SMALL CAPITAL M
1D0F o LATIN LETTER SMALL CAPITAL O
1D11 o LATIN SMALL LETTER SIDEWAYS O
1D18 P LATIN LETTER SMALL CAPITAL P
1D1B T LATIN LETTER SMALL CAPITAL T
1D1C u LATIN LETTER SMALL CAPITAL U
1D20 v LATIN LETTER SMALL CAPITAL V
1D21 w LATIN LETTER SMALL CAPITAL W
1D22 z LATIN LETTER SMALL CAPITAL Z
1D26 r GREEK LETTER SMALL CAPITAL GAMMA
1D28 π GREEK LETTER SMALL CAPITAL PI
1D83 g LATIN SMALL LETTER G WITH PALATAL HOOK
1D8C y LATIN SMALL LETTER V WITH PALATAL HOOK
1E9D f LATIN SMALL LETTER LONG S WITH HIGH STROKE
1EFF y LATIN SMALL LETTER Y WITH LOOP
1FBE i GREEK PROSGEGRAMMENI
210E h PLANCK CONSTANT
2126 Ω OHM SIGN
212A K KELVIN SIGN
2139 i INFORMATION SOURCE
2C84 Γ COPTIC CAPITAL LETTER GAMMA
2C85 r COPTIC SMALL LETTER GAMMA
2C86 Δ COPTIC CAPITAL LETTER DALDA
2C8E H COPTIC CAPITAL LETTER HATE
2C92 I COPTIC CAPITAL LETTER IAUDA
2C94 K COPTIC CAPITAL LETTER KAPA
2C96 λ COPTIC CAPITAL LETTER LAULA
2C98 M COPTIC CAPITAL LETTER MI
2C9A N COPTIC CAPITAL LETTER NI
2C9E O COPTIC CAPITAL LETTER O
2C9F o COPTIC SMALL LETTER O
2CA0 Π COPTIC CAPITAL LETTER PI
2CA2 P COPTIC CAPITAL LETTER RO
2CA3 p COPTIC SMALL LETTER RO
2CA4 C COPTIC CAPITAL LETTER SIMA
2CA5 c COPTIC SMALL LETTER SIMA
2CA6 T COPTIC CAPITAL LETTER TAU
2CA8 Y COPTIC CAPITAL LETTER UA
2CAA Φ COPTIC CAPITAL LETTER FI
2CAC X COPTIC CAPITAL LETTER KHI
2CAD χ COPTIC SMALL LETTER KHI
2CAE Ψ COPTIC CAPITAL LETTER PSI
2CB1 ω COPTIC SMALL LETTER OOU
2CCA 9 COPTIC CAPITAL LETTER DIALECT-P HORI
2CCC 3 COPTIC CAPITAL LETTER OLD COPTIC HORI
2CD0 L COPTIC CAPITAL LETTER L-SHAPED HA
2CD2 6 COPTIC CAPITAL LETTER OLD COPTIC HEI
2D38 V TIFINAGH LETTER YADH
2D39 E TIFINAGH LETTER YADD
2D4F l TIFINAGH LETTER YAN
2D54 O TIFINAGH LETTER YAR
2D55 Q TIFINAGH LETTER YARR
2D5D X TIFINAGH LETTER YATH
2D60 Δ TIFINAGH LETTER YAV
A4D0 B LISU LETTER BA
A4D1 P LISU LETTER PA
A4D2 d LISU LETTER PHA
A4D3 D LISU LETTER DA
A4D4 T LISU LETTER TA
A4D6 G LISU LETTER GA
A4D7 K LISU LETTER KA
A4D9 J LISU LETTER JA
A4DA C LISU LETTER CA
A4DC Z LISU LETTER DZA
A4DD F LISU LETTER TSA
A4DF M LISU LETTER MA
A4E0 N LISU LETTER NA
A4E1 L LISU LETTER LA
A4E2 S LISU LETTER SA
A4E3 R LISU LETTER ZHA
A4E6 V LISU LETTER HA
A4E7 H LISU LETTER XA
A4EA W LISU LETTER WA
A4EB X LISU LETTER SHA
A4EC Y LISU LETTER YA
A4EE A LISU LETTER A
A4F0 E LISU LETTER E
A4F2 l LISU LETTER I
A4F3 O LISU LETTER O
A4F4 U LISU LETTER U
A644 2 CYRILLIC CAPITAL LETTER REVERSED DZE
A647 i CYRILLIC SMALL LETTER IOTA
A64D ω CYRILLIC SMALL LETTER BROAD OMEGA
A6DB Π BAMUM LETTER NA
A6DF V BAMUM LETTER KO
A731 s LATIN LETTER SMALL CAPITAL S
A75A 2 LATIN CAPITAL LETTER R ROTUNDA
A76A 3 LATIN CAPITAL LETTER ET
A76E 9 LATIN CAPITAL LETTER CON
A798 F LATIN CAPITAL LETTER F WITH STROKE
A799 f LATIN SMALL LETTER F WITH STROKE
A79F u LATIN SMALL LETTER VOLAPUK UE
A7AB 3 LATIN CAPITAL LETTER REVERSED OPEN E
A7B2 J LATIN CAPITAL LETTER J WITH CROSSED-TAIL
A7B3 X LATIN CAPITAL LETTER CHI
A7B4 B LATIN CAPITAL LETTER BETA
A7B7 ω LATIN SMALL LETTER OMEGA
AB32 e LATIN SMALL LETTER BLACKLETTER E
AB35 f LATIN SMALL LETTER LENIS F
AB3D o LATIN SMALL LETTER BLACKLETTER O
AB47 r LATIN SMALL LETTER R WITHOUT HANDLE
AB48 r LATIN SMALL LETTER DOUBLE R
AB4E u LATIN SMALL LETTER U WITH SHORT RIGHT LEG
AB52 u LATIN SMALL LETTER U WITH LEFT HOOK
AB53 χ LATIN SMALL LETTER CHI
AB55 χ LATIN SMALL LETTER CHI WITH LOW LEFT SERIF
AB5A y LATIN SMALL LETTER Y WITH SHORT RIGHT LEG
AB75 i CHEROKEE SMALL LETTER V
AB81 r CHEROKEE SMALL LETTER HU
AB83 w CHEROKEE SMALL LETTER LA
AB93 z CHEROKEE SMALL LETTER NO
ABA9 v CHEROKEE SMALL LETTER DO
ABAA s CHEROKEE SMALL LETTER DU
ABAF c CHEROKEE SMALL LETTER TLI
FBA6 o ARABIC LETTER HEH GOAL ISOLATED FORM
FBA7 o ARABIC LETTER HEH GOAL FINAL FORM
FBA8 o ARABIC LETTER HEH GOAL INITIAL FORM
FBA9 o ARABIC LETTER HEH GOAL MEDIAL FORM
FBAA o ARABIC LETTER HEH DOACHASHMEE ISOLATED FORM
FBAB o ARABIC LETTER HEH DOACHASHMEE FINAL FORM
FBAC o ARABIC LETTER HEH DOACHASHMEE INITIAL FORM
FBAD o ARABIC LETTER HEH DOACHASHMEE MEDIAL FORM
FE8D l ARABIC LETTER ALEF ISOLATED FORM
FE8E l ARABIC LETTER ALEF FINAL FORM
FEE9 o ARABIC LETTER HEH ISOLATED FORM
FEEA o ARABIC LETTER HEH FINAL FORM
FEEB o ARABIC LETTER HEH INITIAL FORM
FEEC o ARABIC LETTER HEH MEDIAL FORM
10282 B LYCIAN LETTER B
10285 Δ LYCIAN LETTER D
10286 E LYCIAN LETTER I
10287 F LYCIAN LETTER W
1028A l LYCIAN LETTER J
10290 X LYCIAN LETTER MM
10292 O LYCIAN LETTER U
10295 P LYCIAN LETTER R
10296 S LYCIAN LETTER S
10297 T LYCIAN LETTER T
102A0 A CARIAN LETTER A
102A1 B CARIAN LETTER P2
102A2 C CARIAN LETTER D
102A3 Δ CARIAN LETTER L
102A5 F CARIAN LETTER R
102AB O CARIAN LETTER O
102B0 M CARIAN LETTER S
102B1 T CARIAN LETTER C-18
102B2 Y CARIAN LETTER U
102B3 Φ CARIAN LETTER NN
102B4 X CARIAN LETTER X
102B5 Ψ CARIAN LETTER N
102B6 Ω CARIAN LETTER TT2
102CF H CARIAN LETTER E2
10301 B OLD ITALIC LETTER BE
10302 C OLD ITALIC LETTER KE
10309 l OLD ITALIC LETTER I
10311 M OLD ITALIC LETTER SHE
10315 T OLD ITALIC LETTER TE
10317 X OLD ITALIC LETTER EKS
1031A 8 OLD ITALIC LETTER EF
10404 O DESERET CAPITAL LETTER LONG O
10415 C DESERET CAPITAL LETTER CHEE
1041B L DESERET CAPITAL LETTER ETH
10420 S DESERET CAPITAL LETTER ZHEE
1042C o DESERET SMALL LETTER LONG O
1043D c DESERET SMALL LETTER CHEE
10448 s DESERET SMALL LETTER ZHEE
104B4 R OSAGE CAPITAL LETTER BRA
104C2 O OSAGE CAPITAL LETTER O
104CE U OSAGE CAPITAL LETTER U
104D1 Ψ OSAGE CAPITAL LETTER GHA
104D2 7 OSAGE CAPITAL LETTER ZA
104DB λ OSAGE SMALL LETTER AH
104EA o OSAGE SMALL LETTER O
104F6 u OSAGE SMALL LETTER U
104F9 ψ OSAGE SMALL LETTER GHA
10513 N ELBASAN LETTER NE
10516 O ELBASAN LETTER O
10518 K ELBASAN LETTER QE
1051C C ELBASAN LETTER SHE
1051D V ELBASAN LETTER TE
10525 F ELBASAN LETTER GHE
10526 L ELBASAN LETTER GHAMMA
10527 X ELBASAN LETTER KHE
11706 v AHOM LETTER PA
1170A w AHOM LETTER JA
1170E w AHOM LETTER LA
1170F w AHOM LETTER SA
118A0 V WARANG CITI CAPITAL LETTER NGAA
118A2 F WARANG CITI CAPITAL LETTER WI
118A3 L WARANG CITI CAPITAL LETTER YU
118A4 Y WARANG CITI CAPITAL LETTER YA
118A6 E WARANG CITI CAPITAL LETTER II
118A9 Z WARANG CITI CAPITAL LETTER O
118AC 9 WARANG CITI CAPITAL LETTER KO
118AE E WARANG CITI CAPITAL LETTER YUJ
118AF 4 WARANG CITI CAPITAL LETTER UC
118B2 L WARANG CITI CAPITAL LETTER TTE
118B5 O WARANG CITI CAPITAL LETTER AT
118B8 U WARANG CITI CAPITAL LETTER PU
118BB 5 WARANG CITI CAPITAL LETTER HORR
118BC T WARANG CITI CAPITAL LETTER HAR
118C0 v WARANG CITI SMALL LETTER NGAA
118C1 s WARANG CITI SMALL LETTER A
118C2 F WARANG CITI SMALL LETTER WI
118C3 i WARANG CITI SMALL LETTER YU
118C4 z WARANG CITI SMALL LETTER YA
118C6 7 WARANG CITI SMALL LETTER II
118C8 o WARANG CITI SMALL LETTER E
118CA 3 WARANG CITI SMALL LETTER ANG
118CC 9 WARANG CITI SMALL LETTER KO
118D5 6 WARANG CITI SMALL LETTER AT
118D6 9 WARANG CITI SMALL LETTER AM
118D7 o WARANG CITI SMALL LETTER BU
118D8 u WARANG CITI SMALL LETTER PU
118DC y WARANG CITI SMALL LETTER HAR
16F07 Γ MIAO LETTER FA
16F08 V MIAO LETTER VA
16F0A T MIAO LETTER TA
16F16 L MIAO LETTER LA
16F1A Δ MIAO LETTER TLHA
16F28 l MIAO LETTER GHA
16F35 R MIAO LETTER ZHA
16F3A S MIAO LETTER SA
16F3B 3 MIAO LETTER ZA
16F40 A MIAO LETTER ZZYA
16F42 U MIAO LETTER WA
16F43 Y MIAO LETTER AH
1EE00 l ARABIC MATHEMATICAL ALEF
1EE24 o ARABIC MATHEMATICAL INITIAL HEH
1EE64 o ARABIC MATHEMATICAL STRETCHED HEH
1EE80 l ARABIC MATHEMATICAL LOOPED ALEF
1EE84 o ARABIC MATHEMATICAL LOOPED HEH
`;

export interface Lookalike {
  /** The code point. */
  code: number;
  /** The letter or digit it looks like. */
  looksLike: string;
  /** Its Unicode name: CYRILLIC SMALL LETTER HA. */
  name: string;
}

let table: Map<number, Lookalike> | null = null;

/** Every entry of the table, by code point (read on first use: most statements never need it). */
export function lookalikeTable(): ReadonlyMap<number, Lookalike> {
  if (table) return table;
  table = new Map();
  for (const line of LOOKALIKES.split("\n")) {
    if (line === "") continue;
    const [hex, looksLike] = line.split(" ", 2);
    const code = parseInt(hex, 16);
    table.set(code, { code, looksLike, name: line.slice(hex.length + looksLike.length + 2) });
  }
  return table;
}

/** The math alphabets' styles, 52 letters each from U+1D400 (capitals A–Z, then small a–z). */
const LATIN_STYLES = [
  "BOLD",
  "ITALIC",
  "BOLD ITALIC",
  "SCRIPT",
  "BOLD SCRIPT",
  "FRAKTUR",
  "DOUBLE-STRUCK",
  "BOLD FRAKTUR",
  "SANS-SERIF",
  "SANS-SERIF BOLD",
  "SANS-SERIF ITALIC",
  "SANS-SERIF BOLD ITALIC",
  "MONOSPACE",
];
/** Styles of their own shape, kept as symbols: 𝒜, 𝔄, 𝔸 (ℒ, ℕ, 𝔼). */
const OWN_SHAPE_STYLES = new Set(["SCRIPT", "BOLD SCRIPT", "FRAKTUR", "DOUBLE-STRUCK", "BOLD FRAKTUR"]);
const MATH_LATIN = 0x1d400;
const MATH_DOTLESS = 0x1d6a4;
/** The Greek styles, 58 letters each from U+1D6A8. */
const GREEK_STYLES = ["BOLD", "ITALIC", "BOLD ITALIC", "SANS-SERIF BOLD", "SANS-SERIF BOLD ITALIC"];
const MATH_GREEK = 0x1d6a8;
const MATH_DIGAMMA = 0x1d7ca;
const GREEK_NAMES = [
  "ALPHA",
  "BETA",
  "GAMMA",
  "DELTA",
  "EPSILON",
  "ZETA",
  "ETA",
  "THETA",
  "IOTA",
  "KAPPA",
  "LAMDA",
  "MU",
  "NU",
  "XI",
  "OMICRON",
  "PI",
  "RHO",
  "", // the capital theta symbol, or the final sigma
  "SIGMA",
  "TAU",
  "UPSILON",
  "PHI",
  "CHI",
  "PSI",
  "OMEGA",
];
const GREEK_SYMBOL_NAMES = ["EPSILON", "THETA", "KAPPA", "PHI", "RHO", "PI"];

/** A math-alphabet letter's Unicode name, or null for one of a style kept as a symbol (or not a letter). */
function mathLetterName(code: number): string | null {
  if (code >= MATH_LATIN && code < MATH_DOTLESS) {
    const style = LATIN_STYLES[Math.floor((code - MATH_LATIN) / 52)];
    if (OWN_SHAPE_STYLES.has(style)) return null;
    const k = (code - MATH_LATIN) % 52;
    return `MATHEMATICAL ${style} ${k < 26 ? "CAPITAL" : "SMALL"} ${String.fromCharCode(0x41 + (k % 26))}`;
  }
  if (code === MATH_DOTLESS || code === MATH_DOTLESS + 1)
    return `MATHEMATICAL ITALIC SMALL DOTLESS ${code === MATH_DOTLESS ? "I" : "J"}`;
  if (code >= MATH_GREEK && code < MATH_DIGAMMA) {
    const style = GREEK_STYLES[Math.floor((code - MATH_GREEK) / 58)];
    const k = (code - MATH_GREEK) % 58;
    const letter =
      k < 25
        ? `CAPITAL ${GREEK_NAMES[k] || "THETA SYMBOL"}`
        : k > 25 && k < 51
          ? `SMALL ${GREEK_NAMES[k - 26] || "FINAL SIGMA"}`
          : k >= 52
            ? `${GREEK_SYMBOL_NAMES[k - 52]} SYMBOL`
            : null; // ∇ and ∂ in the style: operators, not letters
    return letter && `MATHEMATICAL ${style} ${letter}`;
  }
  if (code === MATH_DIGAMMA || code === MATH_DIGAMMA + 1)
    return `MATHEMATICAL BOLD ${code === MATH_DIGAMMA ? "CAPITAL" : "SMALL"} DIGAMMA`;
  return null;
}

/** What `code` (a letter) looks like, when it is a letter Nabla refuses for its look. */
export function lookalikeOf(code: number): Lookalike | null {
  const listed = lookalikeTable().get(code);
  if (listed) return listed;
  let name: string | null = null;
  if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a))
    name = `FULLWIDTH LATIN ${code <= 0xff3a ? "CAPITAL" : "SMALL"} LETTER ${String.fromCharCode(0x41 + ((code - 0xff21) % 32))}`;
  else if (code >= MATH_LATIN && code <= MATH_DIGAMMA + 1) name = mathLetterName(code);
  if (name === null) return null;
  // NFKC takes a styled letter to its plain one: 𝑥 → x, 𝚨 → Α (which itself looks like A), 𝚤 → ı.
  const plain = String.fromCodePoint(code).normalize("NFKC");
  if (plain === String.fromCodePoint(code)) return null; // a hole in the alphabet (its letter is elsewhere: ℎ)
  const looksLike = lookalikeTable().get(plain.codePointAt(0)!)?.looksLike ?? (plain === "ȷ" ? "j" : plain);
  return { code, looksLike, name };
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;

/** The Greek letters' ASCII spellings, by letter: μ → mu. */
let spellings: Map<string, string> | null = null;

function lookalikeMessage(ch: string, found: Lookalike): string {
  const target = found.looksLike;
  const kind = /^\d$/.test(target) ? "digit" : /^[A-Za-z]$/.test(target) ? "Latin" : "Greek";
  spellings ??= new Map(Object.entries(GREEK).map(([word, letter]) => [letter, word]));
  const spelled = kind === "Greek" ? spellings.get(target) : undefined;
  return `\`${ch}\` is ${hex(found.code)} ${found.name}, which looks like the ${kind} ${target}; type ${target}${spelled ? ` (or ${spelled})` : ""}`;
}

/** Symbols, not letters, that look like a letter (confusables.txt): never in a name, so not in the table. */
const SYMBOLS = new Map<number, Lookalike>([[0x2206, { code: 0x2206, looksLike: "Δ", name: "INCREMENT" }]]);

/**
 * The parse error's words for a character the grammar does not take when it only looks like one
 * it does (∆ INCREMENT for the Greek Δ), or null.
 */
export function lookalikeSymbolMessage(code: number): string | null {
  const found = lookalikeOf(code) ?? SYMBOLS.get(code);
  return found ? lookalikeMessage(String.fromCodePoint(code), found) : null;
}

/** The Greek capitals unlike any Latin one (Σ is the sum). */
const GREEK_CAPITALS = "ΓΔΘΛΞΠΦΨΩ";

/** Letters that are tokens of their own, never part of a name: ᵀ (transpose), ℝ, Σ. */
const RESERVED = "ᵀℝΣ";
const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";

let ownScript: RegExp | null = null;
let neutralScript: RegExp | null = null;

/** Latin or Greek (1), a script of no alphabet of its own (ℓ, 𝔼: Common; 0), or another script (-1). */
function scriptClass(ch: string): 1 | 0 | -1 {
  ownScript ??= /^[\p{Script=Latin}\p{Script=Greek}]$/u;
  neutralScript ??= /^[\p{Script=Common}\p{Script=Inherited}]$/u;
  return ownScript.test(ch) ? 1 : neutralScript.test(ch) ? 0 : -1;
}

const SCRIPT_NAMES = [
  "Cyrillic",
  "Armenian",
  "Georgian",
  "Hebrew",
  "Arabic",
  "Devanagari",
  "Bengali",
  "Tamil",
  "Thai",
  "Han",
  "Hiragana",
  "Katakana",
  "Hangul",
  "Cherokee",
  "Coptic",
  "Ethiopic",
];

function scriptName(ch: string): string | null {
  return SCRIPT_NAMES.find((script) => new RegExp(`^\\p{Script=${script}}$`, "u").test(ch)) ?? null;
}

/** Where a string literal that opens at `from` ends (past its closing quote). */
function stringEnd(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** Where the last character before `at` that is not a space is (-1 if none). */
function previousNonSpace(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && text.charCodeAt(i) <= 32) i--;
  return i;
}

/** The `d` at `at` begins a differential, as in d/dж or d²/dж²: `/` before it, and d or an order before that. */
function differentialAt(text: string, at: number): boolean {
  if (text[at] !== "d") return false;
  const slash = previousNonSpace(text, at);
  if (text[slash] !== "/") return false;
  const before = text[previousNonSpace(text, slash)];
  return before !== undefined && (before === "d" || (before >= "0" && before <= "9") || "⁰¹²³⁴⁵⁶⁷⁸⁹".includes(before));
}

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiNamePart = (c: number) => isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

export interface LookalikeProblem {
  /** Offset of the letter in the text. */
  index: number;
  message: string;
}

/**
 * The first letter of `text` (one statement, comments already blanked by the scanner) that a name
 * may not hold for its look, or that mixes another script into a Latin or Greek name; string
 * literals are text, not names, and are not read.
 */
export function findLookalike(text: string): LookalikeProblem | null {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      continue;
    }
    if (c < 0x80 && !isAsciiNamePart(c)) {
      i++;
      continue;
    }
    if (c >= 0x80 && !startsNamePart(text, i)) {
      i++;
      continue;
    }
    const problem = checkName(text, i);
    if (typeof problem !== "number") return problem;
    i = problem;
  }
  return null;
}

/** Whether the character at `i` (not ASCII) is a letter a name may hold or a subscript digit. */
function startsNamePart(text: string, i: number): boolean {
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return (isLetter(ch) && !RESERVED.includes(ch)) || SUBSCRIPT_DIGITS.includes(ch);
}

/** Reads the run of name characters at `start`: its problem, or where it ends. */
function checkName(text: string, start: number): LookalikeProblem | number {
  // d/dж: the d of a differential is an operator, not a Latin letter of the name after it.
  let i = differentialAt(text, start) ? start + 1 : start;
  let own: string | null = null;
  let foreign = -1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!isAsciiNamePart(c)) break;
      if (isAsciiLetter(c)) own ??= "Latin";
      i++;
      continue;
    }
    if ((c >= 0x3b1 && c <= 0x3c9 && c !== 0x3bf) || GREEK_CAPITALS.includes(text[i])) {
      own ??= "Greek"; // α–ω less ο, and the capitals of their own shape: Nabla's Greek letters
      i++;
      continue;
    }
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    if (SUBSCRIPT_DIGITS.includes(ch)) {
      i++;
      continue;
    }
    if (!isLetter(ch) || RESERVED.includes(ch)) break;
    const found = lookalikeOf(code);
    if (found) return { index: i, message: lookalikeMessage(ch, found) };
    const script = scriptClass(ch);
    if (script === 1) own ??= /\p{Script=Greek}/u.test(ch) ? "Greek" : "Latin";
    else if (script === -1 && foreign < 0) foreign = i;
    i += ch.length;
  }
  if (own !== null && foreign >= 0) {
    const ch = String.fromCodePoint(text.codePointAt(foreign)!);
    const script = scriptName(ch);
    const name = text.slice(start, i);
    return {
      index: foreign,
      message: `\`${ch}\` is ${hex(ch.codePointAt(0)!)}, ${script ? `a ${script} letter` : "a letter of another script"}, in the name \`${name}\` with ${own} letters: one name may not mix them (it could pass for another); write it in Latin or Greek letters`,
    };
  }
  return i;
}

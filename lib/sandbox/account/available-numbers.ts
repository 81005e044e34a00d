/**
 * Number search for AvailablePhoneNumbers. The sandbox hands out numbers in the 555-01xx block
 * (reserved for fiction in the NANP), 0140–0199, so nothing it "sells" is a real subscriber's number.
 */
export type NumberType = "local" | "toll-free" | "mobile";

export interface AvailableNumber {
  friendly_name: string;
  phone_number: string;
  lata: string | null;
  locality: string | null;
  rate_center: string | null;
  latitude: string | null;
  longitude: string | null;
  region: string | null;
  postal_code: string | null;
  iso_country: string;
  address_requirements: string;
  beta: boolean;
  capabilities: { voice: boolean; SMS: boolean; MMS: boolean };
}

// Area codes with a locality, used when the search gives none (and for the area code's region).
const AREAS: Record<
  string,
  {
    locality: string;
    region: string;
    postal: string;
    lat: string;
    lon: string;
    country: "US" | "CA";
  }
> = {
  "202": {
    locality: "Washington",
    region: "DC",
    postal: "20001",
    lat: "38.900000",
    lon: "-77.030000",
    country: "US",
  },
  "212": {
    locality: "New York",
    region: "NY",
    postal: "10001",
    lat: "40.750000",
    lon: "-73.990000",
    country: "US",
  },
  "312": {
    locality: "Chicago",
    region: "IL",
    postal: "60601",
    lat: "41.880000",
    lon: "-87.620000",
    country: "US",
  },
  "415": {
    locality: "San Francisco",
    region: "CA",
    postal: "94105",
    lat: "37.780000",
    lon: "-122.400000",
    country: "US",
  },
  "512": {
    locality: "Austin",
    region: "TX",
    postal: "78701",
    lat: "30.270000",
    lon: "-97.740000",
    country: "US",
  },
  "617": {
    locality: "Boston",
    region: "MA",
    postal: "02108",
    lat: "42.350000",
    lon: "-71.060000",
    country: "US",
  },
  "416": {
    locality: "Toronto",
    region: "ON",
    postal: "M5H",
    lat: "43.650000",
    lon: "-79.380000",
    country: "CA",
  },
  "604": {
    locality: "Vancouver",
    region: "BC",
    postal: "V6B",
    lat: "49.280000",
    lon: "-123.120000",
    country: "CA",
  },
};
const TOLL_FREE = ["800", "833", "844", "855", "866", "877", "888"];

export function searchAvailableNumbers(options: {
  country: string;
  type: NumberType;
  areaCode?: string;
  contains?: string;
  exclude: Set<string>;
  limit: number;
}): (AvailableNumber & { phoneNumber: string })[] {
  const country = options.country.toUpperCase();
  let areas: string[];
  if (options.type === "toll-free") areas = TOLL_FREE;
  else if (options.areaCode) areas = [options.areaCode];
  else areas = Object.keys(AREAS).filter((a) => AREAS[a]!.country === country);
  // Twilio's Contains accepts digits and letters (vanity) with * wildcards; match the digit pattern.
  const pattern = options.contains
    ? new RegExp(
        options.contains
          .toUpperCase()
          .replace(/[A-Z]/g, (l) => `[${letterDigit(l)}]`)
          .replace(/\*/g, "\\d"),
      )
    : null;
  const results: (AvailableNumber & { phoneNumber: string })[] = [];
  for (const area of areas) {
    if (!/^\d{3}$/.test(area)) continue;
    // 555-0140…0199: the business number (0100) and the demo contacts (0110…0139) stay out.
    for (let line = 40; line < 100 && results.length < options.limit; line++) {
      const phone = `+1${area}55501${line}`;
      if (options.exclude.has(phone)) continue;
      if (pattern && !pattern.test(phone.slice(2))) continue;
      const info = AREAS[area];
      results.push({
        phoneNumber: phone,
        friendly_name: `(${area}) 555-01${line}`,
        phone_number: phone,
        lata: null,
        locality: options.type === "toll-free" ? null : (info?.locality ?? null),
        rate_center: info ? info.locality.toUpperCase().replace(/\s+/g, " ") : null,
        latitude: info?.lat ?? null,
        longitude: info?.lon ?? null,
        region: info?.region ?? null,
        postal_code: info?.postal ?? null,
        iso_country: country,
        address_requirements: "none",
        beta: false,
        capabilities: { voice: true, SMS: true, MMS: options.type !== "toll-free" },
      });
    }
  }
  return results;
}

function letterDigit(letter: string): string {
  const keypad: Record<string, string> = {
    ABC: "2",
    DEF: "3",
    GHI: "4",
    JKL: "5",
    MNO: "6",
    PQRS: "7",
    TUV: "8",
    WXYZ: "9",
  };
  for (const [letters, digit] of Object.entries(keypad)) if (letters.includes(letter)) return digit;
  return letter;
}

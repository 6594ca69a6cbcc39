/** A lon/lat rectangle as a GeoJSON Polygon, counter-clockwise (RFC 7946), for tests. */
export function lonLatRect(w: number, s: number, e: number, n: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

/** Polygon validation: each refusal with its reason and location, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { validatePolygonal } from './geometry.validation.ts';

const poly = (...rings: unknown[][][]) => ({ type: 'Polygon', coordinates: rings });
const square = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

function refusal(value: unknown, range?: null): { message: string; details: unknown } {
  try {
    validatePolygonal(value, 'feature 0', range);
  } catch (e) {
    if (e instanceof ValidationError) return { message: e.message, details: e.details };
    throw e;
  }
  throw new Error('accepted');
}

describe('validatePolygonal', () => {
  it('accepts a square with a hole, a multipolygon and a ring with a repeated point', () => {
    const holed = poly(
      square.map(([x, y]) => [x! * 4, y! * 4]),
      [
        [1, 1],
        [1, 2],
        [2, 2],
        [2, 1],
        [1, 1],
      ],
    );
    expect(validatePolygonal(holed, 'f')).toEqual(holed);
    expect(validatePolygonal({ type: 'MultiPolygon', coordinates: [[square]] }, 'f').type).toBe(
      'MultiPolygon',
    );
    expect(() =>
      validatePolygonal(
        poly([
          [0, 0],
          [1, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ]),
        'f',
      ),
    ).not.toThrow();
  });

  it('reports a bow-tie with where its edges cross', () => {
    const r = refusal(
      poly([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    );
    expect(r.message).toMatch(/feature 0, ring 0: self-intersection at \(1, 1\)/);
    expect(r.details).toMatchObject({ reason: 'self_intersection', location: [1, 1] });
  });

  it('reports a ring touching itself at a vertex and a spike folding back', () => {
    // (2,0) is visited twice: the ring pinches there.
    const pinch = refusal(
      poly([
        [0, 0],
        [2, 0],
        [4, 0],
        [4, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    );
    expect(pinch.details).toMatchObject({ reason: 'self_intersection', location: [2, 0] });
    const spike = refusal(
      poly([
        [0, 0],
        [2, 0],
        [3, 0],
        [2, 0],
        [2, 2],
        [0, 0],
      ]),
    );
    expect(spike.details).toMatchObject({ reason: 'self_intersection' });
  });

  it('refuses coordinates out of range, open rings, short rings and other types', () => {
    expect(
      refusal(
        poly([
          [0, 0],
          [200, 0],
          [1, 1],
          [0, 0],
        ]),
      ).details,
    ).toMatchObject({
      reason: 'out_of_range',
      location: [200, 0],
    });
    expect(() =>
      validatePolygonal(
        poly([
          [0, 0],
          [200, 0],
          [1, 1],
          [0, 0],
        ]),
        'f',
        null,
      ),
    ).not.toThrow();
    expect(
      refusal(
        poly([
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ]),
      ).details,
    ).toMatchObject({ reason: 'ring_not_closed' });
    expect(
      refusal(
        poly([
          [0, 0],
          [1, 0],
          [0, 0],
        ]),
      ).details,
    ).toMatchObject({ reason: 'too_few_points' });
    expect(refusal({ type: 'Point', coordinates: [0, 0] }).details).toMatchObject({ reason: 'bad_type' });
    expect(
      refusal(
        poly([
          [0, 0],
          [1, 'a'],
          [1, 1],
          [0, 0],
        ]),
      ).details,
    ).toMatchObject({ reason: 'bad_position' });
  });
});

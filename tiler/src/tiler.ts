/**
 * The tiler service object: opened COGs cached per key (a survey version's COG key, so a reprocessed
 * survey is a new entry) in a byte-bounded LRU, each with its WarpSource and default stretches, and
 * `render` for one tile. Pure: the caller hands it a function that opens the bytes.
 */
import { openTiff, type BandContext, type ByteSource } from '@belcheer/processing';
import { blockBudget } from './block.budget.ts';
import { ByteLru } from './cache.ts';
import type { TileFormat } from './encode.ts';
import { queryPoint, type PointValues } from './point.query.ts';
import { productNamed } from './product.lookup.ts';
import type { Product, Range, RenderContext, RenderParams } from './products.ts';
import { encodeTile } from './encode.ts';
import { walkSubtree, type PyramidTile, type SubtreeResult } from './pyramid.ts';
import { renderRgba, renderTile, type RenderedTile } from './render.ts';
import type { TileAddress, TileSize } from './tile.matrix.ts';
import { WarpSource } from './warp.ts';

export type OpenSource = () => Promise<ByteSource & { close?(): Promise<void> }>;

export interface TilerOptions {
  /** Budget of the LRU of opened COGs, in bytes (headers + their block caches). */
  readonly cacheBytes?: number;
  /**
   * Most bytes of decoded blocks kept per opened COG; each keeps what the levels read at its native
   * zoom and the two below hold (block.budget.ts), up to this.
   */
  readonly blockCacheBytes?: number;
}

export interface TileQuery {
  readonly tile: TileAddress;
  readonly tileSize: TileSize;
  readonly product: string;
  readonly params: RenderParams;
  readonly format: TileFormat;
  /** The survey's band names and reflectance scale (from the database, which may override the file). */
  readonly bands: BandContext;
}

/** A subtree of a pyramid (pyramid.ts): every covered tile from `root` down to `maxZoom`. */
export interface SubtreeQuery extends Omit<TileQuery, 'tile'> {
  readonly root: TileAddress;
  readonly maxZoom: number;
}

interface OpenedSource {
  readonly warp: WarpSource;
  readonly stretches: Map<string, Promise<Range>>;
}

export class Tiler {
  private readonly sources: ByteLru<OpenedSource>;
  private readonly blockCacheBytes: number;

  constructor(options: TilerOptions = {}) {
    this.blockCacheBytes = options.blockCacheBytes ?? 512 * 1024 * 1024;
    this.sources = new ByteLru(options.cacheBytes ?? 2048 * 1024 * 1024);
  }

  /** The opened COG of `key`, opening it with `open` on first use. */
  async source(key: string, open: OpenSource): Promise<WarpSource> {
    return (await this.opened(key, open)).warp;
  }

  private opened(key: string, open: OpenSource): Promise<OpenedSource> {
    return this.sources.get(key, async () => {
      const bytes = await open();
      // Opened twice: the header tells how large the block cache should be, which is fixed at open.
      const probe = new WarpSource(await openTiff(bytes, { cacheBytes: 0 }));
      const cacheBytes = blockBudget(probe, this.blockCacheBytes);
      const tiff = await openTiff(bytes, { cacheBytes });
      const headerBytes = 64 * 1024 * tiff.images.length;
      return {
        value: { warp: new WarpSource(tiff), stretches: new Map() },
        bytes: headerBytes + cacheBytes,
        dispose: () => void bytes.close?.().catch(() => undefined),
      };
    });
  }

  /** The product's default range on this COG, computed once per opened file. */
  private async defaultRange(
    opened: OpenedSource,
    product: Product,
    bands: readonly number[],
    ctx: BandContext,
  ) {
    const key = `${product.name}:${bands.join(',')}:${ctx.reflectance?.scale ?? '-'}:${ctx.reflectance?.offset ?? '-'}`;
    let range = opened.stretches.get(key);
    if (!range) {
      range = product.defaultRange(opened.warp.tiff, bands, ctx);
      opened.stretches.set(key, range);
    }
    return range;
  }

  /** Renders one tile of the COG at `key`; `body` null means the tile is empty. */
  async render(key: string, open: OpenSource, q: TileQuery): Promise<RenderedTile> {
    const { warp, request } = await this.request(key, open, q);
    return renderTile(warp, { ...request, tile: q.tile, format: q.format });
  }

  /**
   * Renders a subtree of a pyramid: the tiles of `maxZoom` warped, those above averaged from their
   * children (pyramid.ts); each encoded while the next is warped.
   */
  async subtree(key: string, open: OpenSource, q: SubtreeQuery): Promise<SubtreeResult> {
    const { warp, request } = await this.request(key, open, q);
    const tiles: Promise<PyramidTile>[] = [];
    const add = (tile: TileAddress, rgba: Uint8Array | null) =>
      tiles.push(
        rgba
          ? encodeTile(rgba, q.tileSize, q.format).then((body) => ({ tile, body }))
          : Promise.resolve({ tile, body: null }),
      );
    const rgba = await walkSubtree(q.root, {
      maxZoom: q.maxZoom,
      tileSize: q.tileSize,
      covers: (tile) => warp.covers(tile),
      renderLeaf: async (tile) => {
        const leaf = (await renderRgba(warp, { ...request, tile })).rgba;
        add(tile, leaf);
        return leaf;
      },
      visit: add,
    });
    return { tiles: await Promise.all(tiles), rgba };
  }

  /** The opened COG and what rendering a query's product on it needs, but the tile. */
  private async request(key: string, open: OpenSource, q: Omit<TileQuery, 'tile'>) {
    const product = productNamed(q.product);
    const opened = await this.opened(key, open);
    const bands = product.bands(q.bands, opened.warp.info);
    const defaultRange = await this.defaultRange(opened, product, bands, q.bands);
    return {
      warp: opened.warp,
      request: { tileSize: q.tileSize, product, params: q.params, bands: q.bands, defaultRange },
    };
  }

  /** The render context (parameters, default range) of a product on the COG at `key`, e.g. for its legend. */
  async context(
    key: string,
    open: OpenSource,
    productName: string,
    params: RenderParams,
    bandContext: BandContext,
  ): Promise<RenderContext> {
    const product = productNamed(productName);
    const opened = await this.opened(key, open);
    const bands = product.bands(bandContext, opened.warp.info);
    return {
      params,
      bands: bandContext,
      defaultRange: await this.defaultRange(opened, product, bands, bandContext),
    };
  }

  /** Band values and indices at lon/lat on the COG at `key`. */
  async point(
    key: string,
    open: OpenSource,
    lon: number,
    lat: number,
    bands: BandContext,
  ): Promise<PointValues> {
    const { warp } = await this.opened(key, open);
    return queryPoint(warp.tiff, lon, lat, bands);
  }
}

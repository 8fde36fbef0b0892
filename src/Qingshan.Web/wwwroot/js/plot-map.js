// 一张图: plots and watershed outlines on a plain background with OpenLayers. Every file comes from this server
// (ol.js is vendored from npm at build); there is no base map from the internet, so the page works offline.
// Data are lon/lat (CGCS2000 ≈ WGS 84 at map scale) and drawn in Web Mercator, which OpenLayers converts itself.

let loadingOl;

function loadOl(src) {
  if (window.ol) {
    return Promise.resolve(window.ol);
  }

  loadingOl ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => (window.ol ? resolve(window.ol) : reject(new Error('ol.js loaded without defining ol')));
    script.onerror = () => {
      loadingOl = undefined;
      reject(new Error(`cannot load ${src}`));
    };
    document.head.appendChild(script);
  });
  return loadingOl;
}

async function fetchGeoJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }

  return response.json();
}

/**
 * Creates the map in `element`. `dotnet` receives OnPlotSelected(properties | null) on click.
 * options: { olScript, mode: 'landUse' | 'status' | 'density', palette: { landUse: { '01': '#rrggbb', … }, status: { Confirmed: … }, density: { '0': … } } }
 */
export async function create(element, dotnet, options) {
  const ol = await loadOl(options.olScript);
  const format = new ol.format.GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
  const state = { mode: options.mode, palette: options.palette, selected: null };
  const styles = new Map();

  const colourOf = (feature) => {
    if (state.mode === 'density') {
      return state.palette.density?.[feature.get('densityClass')] ?? '#bdbdbd';
    }

    if (state.mode === 'status') {
      return state.palette.status[feature.get('status')] ?? '#9e9e9e';
    }

    const landUse = feature.get('landUse') ?? '';
    return state.palette.landUse[landUse.substring(0, 2)] ?? '#bdbdbd';
  };

  const plotStyle = (feature) => {
    const selected = feature === state.selected;
    const key = `${colourOf(feature)}|${selected}`;
    let style = styles.get(key);
    if (!style) {
      const [r, g, b] = ol.color.asArray(colourOf(feature));
      style = new ol.style.Style({
        fill: new ol.style.Fill({ color: [r, g, b, selected ? 0.9 : 0.7] }),
        stroke: new ol.style.Stroke({ color: selected ? '#000000' : 'rgba(60, 60, 60, 0.8)', width: selected ? 3 : 0.6 }),
        zIndex: selected ? 1 : 0,
      });
      styles.set(key, style);
    }

    return style;
  };

  // One label per watershed, at the interior point of its largest part (a plot-union outline has several parts).
  const labelPoint = (feature) => {
    let point = feature.get('labelPoint');
    if (!point) {
      const geometry = feature.getGeometry();
      const parts = geometry.getType() === 'MultiPolygon' ? geometry.getPolygons() : [geometry];
      const largest = parts.reduce((a, b) => (b.getArea() > a.getArea() ? b : a));
      point = largest.getInteriorPoint();
      feature.set('labelPoint', point, true);
    }

    return point;
  };

  const outline = new ol.style.Style({ stroke: new ol.style.Stroke({ color: '#0d47a1', width: 2.5, lineDash: [10, 5] }) });
  const watershedStyle = (feature) => [
    outline,
    new ol.style.Style({
      geometry: labelPoint,
      text: new ol.style.Text({
        text: feature.get('name') ?? '',
        font: 'bold 14px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
        fill: new ol.style.Fill({ color: '#0d47a1' }),
        stroke: new ol.style.Stroke({ color: '#ffffff', width: 4 }),
        offsetY: -24,
      }),
    }),
  ];

  const plots = new ol.source.Vector();
  const watersheds = new ol.source.Vector();
  const plotLayer = new ol.layer.Vector({ source: plots, style: plotStyle });
  const watershedLayer = new ol.layer.Vector({ source: watersheds, style: watershedStyle, declutter: true });
  const map = new ol.Map({
    target: element,
    layers: [plotLayer, watershedLayer],
    view: new ol.View({ center: ol.proj.fromLonLat([119.6, 41.4]), zoom: 11, maxZoom: 20 }),
  });
  map.addControl(new ol.control.ScaleLine({ units: 'metric' }));

  const select = (feature) => {
    state.selected = feature;
    plotLayer.changed();
    if (!feature) {
      return dotnet.invokeMethodAsync('OnPlotSelected', null);
    }

    const p = feature.getProperties();
    return dotnet.invokeMethodAsync('OnPlotSelected', {
      id: p.id, code: p.code, name: p.name ?? null, watershed: p.watershed, landUse: p.landUse, landUseName: p.landUseName,
      areaSquareMetres: p.areaSquareMetres, status: p.status,
      valueYuan: p.valueYuan ?? null, valuePerHectare: p.valuePerHectare ?? null,
    });
  };

  map.on('singleclick', (e) => {
    const feature = map.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: (l) => l === plotLayer });
    select(feature ?? null);
  });
  map.on('pointermove', (e) => {
    if (!e.dragging) {
      map.getTargetElement().style.cursor = map.hasFeatureAtPixel(e.pixel, { layerFilter: (l) => l === plotLayer }) ? 'pointer' : '';
    }
  });

  return {
    /** Replaces the layers; outlines are kept only for the given watershed codes. Returns the number of plots. */
    async load(plotsUrl, watershedsUrl, watershedCodes) {
      const [plotJson, watershedJson] = await Promise.all([fetchGeoJson(plotsUrl), fetchGeoJson(watershedsUrl)]);
      const codes = new Set(watershedCodes);
      state.selected = null;
      plots.clear();
      watersheds.clear();
      plots.addFeatures(format.readFeatures(plotJson));
      watersheds.addFeatures(format.readFeatures(watershedJson).filter((f) => codes.has(f.get('code'))));
      const extent = plots.getFeatures().length > 0 ? plots.getExtent() : watersheds.getExtent();
      if (!ol.extent.isEmpty(extent)) {
        map.getView().fit(extent, { padding: [30, 30, 30, 30], maxZoom: 17 });
      }

      element.dataset.plots = String(plots.getFeatures().length);
      element.dataset.watersheds = String(watersheds.getFeatures().length);
      return plots.getFeatures().length;
    },

    setMode(mode) {
      state.mode = mode;
      plotLayer.changed();
    },

    clearSelection() {
      state.selected = null;
      plotLayer.changed();
    },

    dispose() {
      map.setTarget(undefined);
    },
  };
}

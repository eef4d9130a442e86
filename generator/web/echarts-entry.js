// The ECharts build a Gongjian site serves: only the chart types, components
// and the SVG renderer the site's charts use (see internal/chart), so pages
// load about half of the full echarts.min.js. `npm run bundle` writes it to
// internal/chart/assets/echarts.min.js, which the generator embeds.
import * as echarts from 'echarts/core';
import { LineChart, BarChart, GaugeChart, HeatmapChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, TitleComponent,
  MarkLineComponent, VisualMapComponent, AriaComponent
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart, BarChart, GaugeChart, HeatmapChart,
  GridComponent, TooltipComponent, LegendComponent, TitleComponent,
  MarkLineComponent, VisualMapComponent, AriaComponent,
  SVGRenderer
]);

window.echarts = echarts;

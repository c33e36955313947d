/** ECharts' line series, loaded with the first chart that draws one (components/Chart.tsx). */
import { LineChart } from 'echarts/charts';
import { echarts } from '../echarts.ts';

echarts.use([LineChart]);

/** ECharts' bar series, loaded with the first chart that draws one (components/Chart.tsx). */
import { BarChart } from 'echarts/charts';
import { echarts } from '../echarts.ts';

echarts.use([BarChart]);

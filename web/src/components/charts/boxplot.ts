/** ECharts' boxplot series, loaded with the first chart that draws one (components/Chart.tsx). */
import { BoxplotChart } from 'echarts/charts';
import { echarts } from '../echarts.ts';

echarts.use([BoxplotChart]);

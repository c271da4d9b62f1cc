import { useEffect, useRef } from 'react';
import { Button, Card, Space } from 'antd';
import { FileExcelOutlined, PictureOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useT } from '../i18n';
import { download } from './files';
import './chart.css';

// Only what the home pages draw, so the bundle carries two chart types, not all of ECharts.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A chart's figures as a sheet: what "导出 Excel" writes, row for row what the chart shows. */
export interface ChartSheet {
  title: string;
  header: string[];
  rows: (string | number | null)[][];
}

export interface ChartProps {
  title: string;
  option: EChartsCoreOption;
  sheet: ChartSheet;
  /** Writes the sheet; the feature passes its exporter, which files the copy (第二十条). */
  onExport: (sheet: ChartSheet) => void | Promise<void>;
  height?: number;
  testId?: string;
}

const PALETTE = ['#1f6feb', '#2da44e', '#d4a72c', '#cf222e', '#8250df', '#57606a'];

function pngBytes(dataUrl: string): Uint8Array {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Every chart of the app: an ECharts canvas in a card, with "保存图片"
 * (a PNG of what is drawn, on white, for a report) and "导出 Excel" (the
 * same figures as a sheet).
 */
export function Chart({ title, option, sheet, onExport, height = 220, testId }: ChartProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, animation: false, textStyle: { fontFamily: 'inherit' }, ...option }, { notMerge: true });
  }, [option]);

  const saveImage = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (url) download(`${sheet.title}.png`, new Blob([pngBytes(url) as BlobPart], { type: 'image/png' }));
  };

  return (
    <Card
      size="small"
      title={title}
      className="chart-card"
      data-testid={testId}
      extra={
        <Space size={4}>
          <Button size="small" type="text" icon={<PictureOutlined />} onClick={saveImage} title={t('chart.saveImage')} aria-label={t('chart.saveImage')} />
          <Button size="small" type="text" icon={<FileExcelOutlined />} onClick={() => void onExport(sheet)} title={t('chart.exportSheet')} aria-label={t('chart.exportSheet')} />
        </Space>
      }
    >
      <div ref={box} className="chart-canvas" style={{ height }} />
    </Card>
  );
}

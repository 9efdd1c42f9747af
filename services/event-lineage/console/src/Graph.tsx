import cytoscape, { ElementDefinition, StylesheetJson } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useRef } from 'react';

cytoscape.use(dagre);

/** A directed graph laid out by dagre (left to right); tapping a node reports its id. */
export function Graph(props: {
  elements: ElementDefinition[];
  style: StylesheetJson;
  onTapNode?: (id: string) => void;
  testId: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const tap = useRef(props.onTapNode);
  tap.current = props.onTapNode;

  useEffect(() => {
    if (!ref.current) return;
    const cy = cytoscape({
      container: ref.current,
      elements: props.elements,
      style: props.style,
      layout: { name: 'dagre', rankDir: 'LR', nodeSep: 40, rankSep: 140, edgeSep: 10, fit: true, padding: 24 } as cytoscape.LayoutOptions,
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 1.4,
    });
    cy.on('tap', 'node', (e) => tap.current?.(e.target.id()));
    ref.current.dataset.ready = 'true';
    ref.current.dataset.nodes = String(cy.nodes().length);
    ref.current.dataset.edges = String(cy.edges().length);
    return () => cy.destroy();
  }, [props.elements, props.style]);

  return <div className="graph" ref={ref} data-testid={props.testId} style={{ height: props.height ?? 420 }} />;
}

//! The plot beside `BENCHMARKS.md`: generation time against operations, one line per
//! generator, as SVG (plotters' SVG backend: no fonts or image libraries needed, and the
//! file diffs as text).

use super::super::results::{Results, Tool};
use plotters::prelude::*;

const OURS: RGBColor = RGBColor(31, 119, 180);
const PROGENITOR: RGBColor = RGBColor(214, 39, 40);

/// One generator's line: who, in which colour, through which (operations, ms) points.
type Series = (Tool, RGBColor, Vec<(f64, f64)>);

/// The SVG text of the plot: median generation time (ms) at each spec size, for ours and
/// progenitor's positional style; sizes a tool refused are left out of its line.
pub fn generation_svg(r: &Results) -> Result<String, String> {
    let series: Vec<Series> = [(Tool::Ours, OURS), (Tool::ProgenitorPositional, PROGENITOR)]
        .into_iter()
        .map(|(tool, color)| {
            let points = r
                .generation
                .iter()
                .filter(|g| g.tool == tool && g.refused.is_none() && !g.times_ms.is_empty())
                .map(|g| (g.size as f64, g.median_ms()))
                .collect();
            (tool, color, points)
        })
        .collect();
    let x_max = series
        .iter()
        .flat_map(|(_, _, p)| p.iter().map(|(x, _)| *x))
        .fold(1.0, f64::max);
    let y_max = series
        .iter()
        .flat_map(|(_, _, p)| p.iter().map(|(_, y)| *y))
        .fold(1.0, f64::max);
    let mut svg = String::new();
    {
        let fail = |e: DrawingAreaErrorKind<_>| format!("cannot draw the plot: {e}");
        let root = SVGBackend::with_string(&mut svg, (760, 440)).into_drawing_area();
        root.fill(&WHITE).map_err(fail)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Generation time against operations (median)",
                ("sans-serif", 20),
            )
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(0.0..x_max * 1.05, 0.0..y_max * 1.1)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .x_desc("operations in the spec")
            .y_desc("generation time (ms)")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()
            .map_err(fail)?;
        for (tool, color, points) in &series {
            let color = *color;
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    color.stroke_width(2),
                ))
                .map_err(fail)?
                .label(tool.label())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color));
            chart
                .draw_series(points.iter().map(|&p| Circle::new(p, 4, color.filled())))
                .map_err(fail)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()
            .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::results::{Generation, Machine, Plan};

    fn generation(tool: Tool, size: usize, ms: f64, refused: bool) -> Generation {
        Generation {
            tool,
            size,
            times_ms: vec![ms],
            peak_heap_bytes: 0,
            max_rss_kib: 0,
            phases_ms: None,
            refused: refused.then(|| "too big".to_string()),
        }
    }

    #[test]
    fn draws_one_line_per_generator_without_refused_sizes() {
        let machine = Machine {
            cpu: String::new(),
            cores: String::new(),
            memory: String::new(),
            rustc: String::new(),
            commit: String::new(),
            load_before: String::new(),
            load_after: String::new(),
        };
        let results = Results {
            quick: true,
            plan: Plan::quick(),
            machine,
            generation: vec![
                generation(Tool::Ours, 10, 6.5, false),
                generation(Tool::Ours, 100, 67.0, false),
                generation(Tool::Ours, 5000, 0.0, true),
                generation(Tool::ProgenitorPositional, 10, 11.0, false),
                generation(Tool::ProgenitorPositional, 100, 124.0, false),
                generation(Tool::ProgenitorPositional, 5000, 7061.0, false),
            ],
            code: Vec::new(),
            builds: Vec::new(),
            client: serde_json::Value::Null,
            elapsed_s: 0.0,
        };
        let svg = generation_svg(&results).expect("draws");
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(200)]);
        assert!(svg.contains("ours") && svg.contains("progenitor 0.15 (positional)"));
        // Two points for ours (5,000 was refused), three for progenitor.
        assert_eq!(svg.matches("<circle").count(), 5, "{svg}");
    }
}

//! map.html (placeholder while the PNG map is built).
use super::rows::PositionRow;
use super::RunContext;
pub fn map_html(_ctx: &RunContext, _rows: &[PositionRow]) -> Vec<u8> { Vec::new() }

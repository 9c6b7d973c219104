//! Pagination shared by every list.

use serde::{Deserialize, Serialize};

/// Rows per page unless a list says otherwise.
pub const DEFAULT_PER_PAGE: u32 = 25;

/// Where a page sits in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageInfo {
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    pub total: i64,
}

impl PageInfo {
    /// Clamps a requested page number to at least 1.
    pub fn new(page: u32, per_page: u32, total: i64) -> Self {
        PageInfo {
            page: page.max(1),
            per_page: per_page.max(1),
            total: total.max(0),
        }
    }

    pub fn total_pages(&self) -> u32 {
        let pages = (self.total + i64::from(self.per_page) - 1) / i64::from(self.per_page);
        u32::try_from(pages).unwrap_or(u32::MAX).max(1)
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.total_pages()
    }

    /// The SQL OFFSET of this page.
    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_with_a_partial_last_page() {
        let info = PageInfo::new(1, 25, 51);
        assert_eq!(info.total_pages(), 3);
        assert!(info.has_next() && !info.has_previous());
        assert_eq!(PageInfo::new(3, 25, 51).offset(), 50);
        assert!(!PageInfo::new(3, 25, 51).has_next());
    }

    #[test]
    fn an_empty_list_has_one_empty_page_and_page_zero_means_one() {
        let info = PageInfo::new(0, 25, 0);
        assert_eq!((info.page, info.total_pages()), (1, 1));
        assert!(!info.has_next() && !info.has_previous());
    }
}

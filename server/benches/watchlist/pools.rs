//! The name pools the corpus is drawn from, and the deterministic generator that draws.

/// A small deterministic generator (xorshift), so every run measures the same data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Skewed towards the start of a list (common names first): min of two draws.
    pub fn common<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let (a, b) = (self.below(items.len()), self.below(items.len()));
        &items[a.min(b)]
    }
}

// Each group lists spellings of one name; the first is the usual one.
#[rustfmt::skip]
pub const KO_FAMILY: &[&[&str]] = &[
    &["Kim", "Gim"], &["Lee", "Yi", "Ri", "Rhee"], &["Park", "Pak", "Bak"], &["Choi", "Choe"],
    &["Jung", "Jong", "Chung", "Jeong"], &["Kang", "Gang"], &["Cho", "Jo"], &["Yoon", "Yun"],
    &["Jang", "Chang"], &["Lim", "Rim", "Im"], &["Han"], &["Oh", "O"], &["Seo", "So"],
    &["Shin", "Sin"], &["Kwon", "Gwon"], &["Hwang"], &["Ahn", "An"], &["Song"],
    &["Ryu", "Yu", "Yoo"], &["Hong"], &["Jeon", "Jon", "Chon"], &["Ko", "Go"], &["Mun", "Moon"],
    &["Yang", "Ryang"], &["Son"], &["Bae", "Pae"], &["Baek", "Paek"], &["Heo", "Ho"], &["Nam"],
    &["Sim", "Shim"], &["Ro", "Noh"], &["Ha"], &["Kwak"], &["Sung", "Seong"], &["Cha"],
    &["Ju", "Joo"], &["Woo", "U"], &["Ku", "Gu"], &["Min"], &["Ryom", "Yeom"],
];
#[rustfmt::skip]
pub const KO_SYLLABLE: &[&[&str]] = &[
    &["min"], &["jun", "joon"], &["seo"], &["yeon", "yon"], &["ji"], &["woo"],
    &["hyun", "hyon", "hyeon"], &["su", "soo"], &["young", "yong", "ryong"], &["jin", "chin"],
    &["ho"], &["sung", "song", "seong"], &["chol", "cheol", "chul"], &["il"], &["nam"],
    &["hyok", "hyuk"], &["myong", "myung"], &["kwang", "gwang"], &["un", "eun"],
    &["jong", "jung", "chong"], &["chun", "chon"], &["hui", "hee"], &["ok"], &["sun"],
    &["kyong", "kyung", "gyeong"], &["hak"], &["gyu", "kyu"], &["tae", "thae"], &["dong", "tong"],
    &["sang"], &["man"], &["se"], &["bin"], &["ha"], &["na"], &["hye"], &["mi"], &["won"],
    &["sik", "shik"], &["gil", "kil"], &["bok", "pok"], &["dae"], &["hwa"], &["ryul", "yul"],
    &["gun", "kun"], &["seok", "sok"], &["beom", "pom"], &["cheon"], &["rim", "lim"], &["hun"],
];
#[rustfmt::skip]
pub const ZH_FAMILY: &[&[&str]] = &[
    &["Wang", "Wong"], &["Li", "Lee"], &["Zhang", "Chang", "Cheung"], &["Liu", "Lau"],
    &["Chen", "Chan"], &["Yang", "Yeung"], &["Huang", "Wong"], &["Zhao", "Chao"], &["Wu", "Ng"],
    &["Zhou", "Chou"], &["Xu", "Hsu"], &["Sun"], &["Ma"], &["Zhu", "Chu"], &["Hu", "Woo"],
    &["Guo", "Kuo"], &["He", "Ho"], &["Lin", "Lam"], &["Gao", "Kao"], &["Luo", "Law"],
    &["Zheng", "Cheng"], &["Liang", "Leung"], &["Xie", "Hsieh"], &["Song", "Sung"],
    &["Tang", "Tong"], &["Han", "Hon"], &["Feng", "Fung"], &["Deng", "Teng"], &["Cao", "Tsao"],
    &["Peng", "Pang"], &["Zeng", "Tseng"], &["Xiao", "Hsiao"], &["Tian"], &["Dong", "Tung"],
    &["Pan", "Poon"], &["Yuan"], &["Cai", "Tsai"], &["Jiang", "Chiang"], &["Du", "Tu"],
    &["Ye", "Yip"], &["Wei"], &["Su", "Soo"], &["Lu", "Lo"], &["Ding", "Ting"], &["Shen"],
    &["Yao", "Yiu"], &["Cui", "Tsui"], &["Zhong", "Chung"], &["Tan", "Tam"], &["Fan"],
];
#[rustfmt::skip]
pub const ZH_SYLLABLE: &[&str] = &[
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie",
    "tao", "ming", "chao", "xiu", "ying", "hua", "ping", "gang", "hui", "xin", "hong", "bo", "yu",
    "hao", "ran", "chun", "zhi", "jian", "lin", "xiao", "dong", "hai", "feng", "bin", "kai", "rui",
    "xuan", "zi", "han", "yi", "chen", "long", "peng", "fei", "liang", "shan", "qing", "mei",
    "lan", "juan", "xia", "yun", "ting", "xue", "jia", "qi", "zhen", "wen", "guang", "de", "an",
    "cheng", "sheng", "zhong", "guo", "ning", "song", "bao", "shu", "tian", "quan", "xing", "yuan",
];
#[rustfmt::skip]
pub const AR_GIVEN: &[&[&str]] = &[
    &["Mohammed", "Muhammad", "Mohamed", "Mohammad"], &["Ahmed", "Ahmad"], &["Ali"],
    &["Omar", "Umar"], &["Hassan", "Hasan"], &["Hussein", "Husain", "Hussain"],
    &["Ibrahim", "Ebrahim"], &["Khalid", "Khaled"], &["Youssef", "Yusuf", "Yousef"],
    &["Abdullah", "Abdallah"], &["Abdul Rahman", "Abdulrahman", "Abdurrahman"],
    &["Mustafa", "Mostafa"], &["Saeed", "Said"], &["Tariq", "Tarek"], &["Hamza"], &["Bilal"],
    &["Karim", "Kareem"], &["Nasser", "Nasir"], &["Faisal", "Faysal"], &["Salim", "Salem"],
    &["Jamal"], &["Rashid", "Rasheed"], &["Majid", "Majeed"], &["Walid", "Waleed"],
    &["Ziad", "Ziyad"], &["Samir", "Sameer"], &["Adel", "Adil"], &["Fatima", "Fatma"],
    &["Aisha", "Aysha"], &["Maryam", "Mariam"], &["Zainab", "Zaynab"], &["Khadija"],
    &["Noor", "Nour"], &["Layla", "Leila"], &["Osama", "Usama"], &["Abdel Aziz", "Abdulaziz"],
    &["Jafar", "Jaafar"], &["Qasim", "Kassem"], &["Sulaiman", "Suleiman"], &["Yahya"],
    &["Idris", "Idriss"], &["Anwar"], &["Hamid", "Hameed"], &["Mahmoud", "Mahmud"],
];
#[rustfmt::skip]
pub const AR_FAMILY: &[&[&str]] = &[
    &["Al-Rashid", "Al Rashid", "Alrashid"], &["Al-Masri", "El-Masri"], &["Haddad"],
    &["Khoury", "Khouri"], &["Hamdan"], &["Al-Zahrani", "Alzahrani"], &["Al-Qahtani"],
    &["Al-Harbi"], &["Mansour", "Mansur"], &["Saleh", "Salih"], &["Abbas"], &["Ismail"],
    &["Farouk", "Faruq"], &["Othman", "Uthman"], &["Hakim"], &["Darwish"], &["Khalil"],
    &["Najjar"], &["Aziz"], &["Qureshi", "Quraishi"], &["Siddiqui"], &["Al-Tamimi"],
    &["Hashemi", "Hashimi"], &["Nasrallah"], &["Haidar", "Haider"], &["Jaber", "Jabir"],
];
#[rustfmt::skip]
pub const SL_GIVEN: &[&[&str]] = &[
    &["Ivan"], &["Sergei", "Sergey"], &["Alexander", "Aleksandr"], &["Dmitri", "Dmitry"],
    &["Nikolai", "Nikolay"], &["Andrei", "Andrey"], &["Vladimir"], &["Mikhail"],
    &["Alexei", "Aleksei", "Alexey"], &["Yuri", "Yury"], &["Oleg"], &["Pavel"], &["Igor"],
    &["Viktor", "Victor"], &["Olga"], &["Natalia", "Natalya"], &["Elena", "Yelena"],
    &["Tatiana", "Tatyana"], &["Irina"], &["Svetlana"], &["Evgeny", "Yevgeniy"], &["Anatoly"],
    &["Boris"], &["Maxim", "Maksim"], &["Roman"], &["Denis"], &["Artem", "Artyom"],
    &["Ekaterina", "Yekaterina"], &["Anastasia", "Anastasiya"], &["Yulia", "Yuliya"],
];
#[rustfmt::skip]
pub const SL_ROOT: &[&str] = &[
    "Ivan", "Petr", "Smirn", "Kuznets", "Pop", "Sokol", "Lebed", "Kozl", "Novik", "Moroz", "Volk",
    "Solovy", "Vasili", "Zaits", "Pavl", "Semen", "Golub", "Vinograd", "Bogdan", "Vorob", "Fedor",
    "Mikhail", "Belya", "Taras", "Bel", "Komar", "Orl", "Kisel", "Makar", "Andre", "Kovalench",
    "Shevch", "Bondar", "Tkach", "Kravch", "Oleyn", "Melnik", "Grigori",
];
pub const SL_SUFFIX: &[&str] = &["ov", "ev", "in", "enko", "uk", "sky"];
#[rustfmt::skip]
pub const LA_GIVEN: &[&str] = &[
    "James", "John", "Robert", "Michael", "William", "David", "Maria", "Jose", "Juan", "Carlos",
    "Luis", "Ana", "Sofia", "Lucas", "Mateo", "Pierre", "Jean", "Marie", "Hans", "Klaus",
    "Giuseppe", "Marco", "Giulia", "Emma", "Olivia", "Liam", "Noah", "Thomas", "Daniel", "Laura",
    "Antonio", "Francesco", "Miguel", "Pedro", "Paulo", "Joao", "Fernando", "Ricardo", "Isabel",
];
#[rustfmt::skip]
pub const LA_FAMILY: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Garcia", "Martinez", "Rodriguez", "Hernandez",
    "Lopez", "Gonzalez", "Perez", "Sanchez", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
    "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois", "Martin", "Bernard", "Moreau",
    "Silva", "Santos", "Oliveira", "Pereira", "Costa", "Ferreira", "Alves", "Romano",
];
#[rustfmt::skip]
pub const SYLLABLES: &[&str] = &[
    "ba", "be", "bo", "da", "de", "do", "ka", "ke", "ko", "la", "le", "lo", "ma", "me", "mo", "na",
    "ne", "no", "ra", "re", "ro", "sa", "se", "so", "ta", "te", "to", "va", "ve", "vo", "za", "ze",
    "ri", "li", "ni", "ki", "mi", "ti", "gu", "hu", "ru", "tu", "an", "el", "or",
];
#[rustfmt::skip]
pub const ORG_WORDS: &[&str] = &[
    "Global", "Trading", "Silver", "Star", "Network", "Technology", "Korea", "United", "Shipping",
    "Ocean", "Energy", "International", "Industrial", "Development", "Investment", "Holdings",
    "Golden", "Dragon", "Eastern", "Pacific", "Maritime", "Resources", "Export", "Import", "Group",
    "Bureau", "General", "Mining", "Petroleum", "Logistics", "Software", "Systems", "Solutions",
    "Bank", "Commercial", "Machinery", "Steel", "Chemical", "Electronics",
];
#[rustfmt::skip]
pub const LEGAL_FORMS: &[&str] = &[
    "Co., Ltd.", "LLC", "Ltd", "Corporation", "JSC", "GmbH", "Inc.", "Limited", "",
];
pub const COUNTRIES: [&str; 5] = ["KP", "CN", "IR", "RU", "US"];

/// A made-up word from syllables (the long tail of surnames and company names).
pub fn invented(rng: &mut Rng, syllables: usize) -> String {
    let word: String = (0..syllables).map(|_| *rng.pick(SYLLABLES)).collect();
    capitalise(&word)
}

pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

"""Common given names and surnames across languages, for telling a person's name from other text.

Hand-picked from public frequency lists (US census, INSEE, INE, Destatis, ISTAT, IBGE,
the Chinese Hundred Family Surnames, Korean and Japanese top surnames, Indian
and Arabic common names). Small on purpose: the name detector needs a majority of a
column to hit, not every name, and a big list would start matching words.
"""

from __future__ import annotations

GIVEN_NAMES = frozenset(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan
    jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne randy
    vincent mason roy ralph bobby russell bradley philip eugene louis harry fred mike jon
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    sandra margaret ashley kimberly emily donna michelle carol amanda melissa deborah
    stephanie dorothy rebecca sharon laura cynthia amy kathleen angela shirley brenda emma
    anna pamela nicole samantha katherine christine helen debra rachel carolyn janet maria
    catherine heather diane olivia julie joyce victoria ruth virginia lauren kelly christina
    joan evelyn judith andrea hannah megan cheryl jacqueline martha madison teresa gloria
    sara janice ann kathryn abigail sophia frances jean alice judy isabella julia grace amber
    denise danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla
    alexis lori marie penelope julia lucy ellen jane
    luis luís carlos jorge pedro miguel antonio manuel francisco javier fernando sergio
    pablo alejandro ricardo eduardo roberto rafael andres diego raul jesus alberto enrique
    joão joao paulo lucas mateus gabriel rafael felipe gustavo bruno thiago leonardo
    ana maría lucia lucía carmen isabel laura marta elena rosa paula cristina sofia sofía
    fernanda juliana camila beatriz mariana leticia gabriela patricia adriana
    hans peter klaus jürgen jurgen wolfgang helmut stefan michael thomas andreas frank
    markus uwe dieter günter gunter horst manfred bernd ralf jens sven lukas leon felix
    jonas finn niklas tim jan tobias florian sebastian matthias moritz
    ursula monika petra sabine renate helga karin brigitte ingrid claudia susanne
    andrea birgit julia katharina lena leonie hannah mia anja nicole stefanie
    jean pierre michel philippe alain nicolas christophe patrick daniel françois francois
    laurent frédéric frederic eric olivier stéphane stephane pascal thierry julien hugo
    louis gabriel arthur raphaël raphael théo theo mathieu antoine guillaume
    marie nathalie isabelle sylvie catherine françoise francoise christine monique
    valérie valerie sandrine sophie céline celine camille chloé chloe manon léa lea
    giuseppe giovanni francesco mario luigi angelo vincenzo pietro salvatore carlo
    franco domenico bruno paolo alessandro marco andrea matteo lorenzo davide luca
    giulia francesca chiara sara martina anna giorgia alessia elisa silvia federica
    mohammed muhammad mohamed ahmed ali omar hassan hussein ibrahim youssef mustafa
    fatima aisha khadija maryam zainab layla nour
    rahul amit raj sanjay vijay anil sunil ravi arjun rohit priya pooja anjali neha
    sunita kavita deepak manoj suresh ramesh
    hiroshi takashi kenji yuki haruto sota yuto akira satoshi yumi yoko keiko sakura
    hina yui aoi
    min-jun seo-yeon ji-hoon ji-woo minji jisoo
    ivan dmitri sergei alexei andrei olga natalia elena irina tatiana svetlana anastasia
    jakub piotr krzysztof tomasz pawel agnieszka katarzyna malgorzata
    wei jing li ming hui ying yan lei jun hong fang xiu hua ping qiang yong jie tao
    """.split()
)

SURNAMES = frozenset(
    """
    smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez
    lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson
    white harris sanchez clark ramirez lewis robinson walker young allen king wright scott
    torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter
    roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart
    morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed
    kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray
    mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez
    hillyer stephens
    silva santos oliveira souza sousa lima pereira ferreira costa rodrigues almeida
    nascimento carvalho araujo ribeiro gonçalves goncalves fernandes martins
    fernández fernandez gonzález rodríguez sánchez pérez martín gómez díaz
    muñoz munoz moreno alonso navarro romero
    müller muller mueller schmidt schneider fischer weber meyer wagner becker schulz
    hoffmann schäfer schafer koch bauer richter klein wolf schröder schroder neumann
    schwarz zimmermann braun krüger kruger hofmann hartmann lange schmitt werner köhler kohler
    bernard dubois durand leroy moreau simon laurent lefebvre michel garcia david bertrand
    roux vincent fournier morel girard andré andre lefèvre lefevre mercier dupont lambert
    bonnet françois francois martinez tremblay gagnon roy côté cote bouchard gauthier
    rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo
    conti de luca mancini costa giordano rizzo lombardi moretti
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang
    yu du ye cheng wei su lu ding shen
    park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song
    sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida
    yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu
    singh kumar sharma gupta shah mehta reddy rao iyer nair das khan
    ivanov smirnov kuznetsov popov petrov nowak kowalski wiśniewski wisniewski
    hansen johansen olsen larsen andersen nielsen jensen pedersen johansson karlsson
    nilsson eriksson larsson olsson persson svensson gustafsson de jong jansen de vries
    van dijk bakker visser smit meijer yilmaz kaya demir sahin celik
    """.split()
)

# The hundred commonest Chinese surnames (single hanzi) and the common compound ones.
CN_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
CN_COMPOUND_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 慕容 令狐 司徒 尉迟".split())

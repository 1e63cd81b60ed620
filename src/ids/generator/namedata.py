"""Embedded reference lists: names, nicknames, spellings, places, codes.

Why embedded: the generator must run offline and be byte-for-byte reproducible, so nothing is
downloaded. Weights are rough relative frequencies (US census / SSA orders of magnitude) for the
population an Integrated Data System actually sees: low-income families with a large Hispanic share,
Black and White families, and smaller Asian and East African refugee communities. Names are given
in their "true" spelling, accents included; sources later mangle them (see ``quirks``).

Format of the compact lists: ``"Name weight"`` items separated by ``|``; a trailing ``*K`` or
``*A`` marks a name used only for children (born 2000 or later) or only for adults.
"""

from __future__ import annotations

# Name groups: W White non-Hispanic, B Black, H Hispanic, A Asian, S East African / Arab.
GROUPS: tuple[str, ...] = ("W", "B", "H", "A", "S")
#: share of households by name group (population served by the IDS, not the whole state)
GROUP_WEIGHTS: tuple[float, ...] = (0.40, 0.20, 0.32, 0.05, 0.03)

FIRST_NAMES: dict[tuple[str, str], str] = {
    ("W", "M"): (
        "James 330*A|John 320*A|Robert 310*A|Michael 300|William 250|David 250*A|Richard 160*A|"
        "Joseph 150|Thomas 140|Charles 140|Christopher 200|Daniel 180|Matthew 170|Anthony 110|"
        "Mark 110*A|Donald 90*A|Steven 100*A|Paul 90*A|Andrew 100|Joshua 130|Kenneth 70*A|Kevin 90*A|"
        "Brian 90*A|George 60*A|Timothy 70*A|Ronald 50*A|Edward 50*A|Jason 110*A|Jeffrey 70*A|"
        "Ryan 90|Jacob 60|Gary 40*A|Nicholas 80|Eric 70*A|Jonathan 70|Stephen 60*A|Larry 30*A|"
        "Justin 80*A|Scott 50*A|Brandon 80*A|Benjamin 60|Samuel 40|Gregory 40*A|Frank 30*A|"
        "Alexander 50|Raymond 30*A|Patrick 40*A|Jack 30|Dennis 30*A|Jerry 30*A|Tyler 60|Aaron 40*A|"
        "Adam 50*A|Nathan 40|Henry 20|Douglas 25*A|Zachary 40*A|Peter 25*A|Kyle 50*A|Walter 20*A|"
        "Jeremy 50*A|Keith 25*A|Christian 30|Roger 15*A|Gerald 15*A|Carl 15*A|Terry 15*A|Sean 40*A|"
        "Austin 40|Lawrence 15*A|Jesse 30*A|Dylan 30|Bryan 30*A|Jordan 30|Billy 15*A|Bruce 15*A|"
        "Albert 10*A|Wayne 10*A|Roy 10*A|Ralph 10*A|Randy 15*A|Eugene 10*A|Vincent 15*A|Russell 10*A|"
        "Louis 10*A|Bobby 10*A|Philip 15*A|Phillip 10*A|Johnny 10*A|Cody 30*A|Travis 30*A|Dustin 25*A|"
        "Derek 20*A|Shawn 20*A|Chad 20*A|Corey 20*A|Trevor 15*A|Jon 10*A|Alan 15*A|Allen 8*A|"
        "Liam 120*K|Noah 120*K|Oliver 90*K|Elijah 80*K|Lucas 70*K|Mason 80*K|Ethan 80*K|Logan 60*K|"
        "Jackson 60*K|Aiden 60*K|Jayden 40*K|Carter 40*K|Wyatt 40*K|Owen 40*K|Hunter 30*K|Caleb 40*K|"
        "Landon 40*K|Gavin 30*K|Brayden 30*K|Grayson 30*K|Hudson 20*K|Easton 20*K|Colton 30*K|"
        "Connor 30*K|Levi 30*K|Isaac 30*K|Cooper 20*K|Bentley 20*K|Lincoln 20*K|Carson 20*K|"
        "Jaxon 20*K|Kayden 15*K|Chase 15*K|Brody 20*K|Parker 15*K|Nolan 15*K|Maxwell 10*K|"
        "Cameron 20*K|Luke 30*K|Wesley 10*K|Ezra 15*K|Eli 20*K|Jonah 10*K|Silas 10*K|Theodore 15*K|"
        "Asher 15*K|Waylon 10*K|Bryson 10*K|Kaden 10*K|Aidan 15*K"
    ),
    ("W", "F"): (
        "Mary 200*A|Patricia 120*A|Jennifer 200*A|Linda 100*A|Elizabeth 150|Barbara 80*A|"
        "Susan 90*A|Jessica 180*A|Sarah 170|Karen 70*A|Lisa 80*A|Nancy 50*A|Betty 20*A|Margaret 50*A|"
        "Sandra 50*A|Ashley 170*A|Kimberly 100*A|Emily 100|Donna 40*A|Michelle 110*A|Carol 30*A|"
        "Amanda 150*A|Dorothy 20*A|Melissa 120*A|Deborah 50*A|Stephanie 120*A|Rebecca 80*A|"
        "Sharon 40*A|Laura 70*A|Cynthia 40*A|Kathleen 40*A|Amy 90*A|Angela 80*A|Shirley 20*A|"
        "Anna 40|Brenda 40*A|Pamela 40*A|Nicole 90*A|Helen 15*A|Samantha 90|Katherine 60|"
        "Catherine 40*A|Kathryn 30*A|Christine 50*A|Debra 40*A|Rachel 60*A|Carolyn 20*A|Janet 25*A|"
        "Heather 80*A|Diane 25*A|Julie 40*A|Joyce 10*A|Virginia 10*A|Victoria 30|Kelly 50*A|"
        "Lauren 50*A|Christina 60*A|Megan 60*A|Andrea 40*A|Cheryl 25*A|Hannah 30|Jacqueline 25*A|"
        "Martha 10*A|Teresa 25*A|Theresa 15*A|Sara 30*A|Madison 20|Janice 10*A|Jean 10*A|Abigail 15|"
        "Julia 20|Judy 10*A|Grace 10|Denise 20*A|Amber 60*A|Danielle 50*A|Beverly 10*A|Diana 20*A|"
        "Natalie 20|Brittany 70*A|Marie 10*A|Kayla 40*A|Alexis 20|Lori 20*A|Tiffany 40*A|"
        "Crystal 40*A|Misty 15*A|Tara 20*A|Erin 30*A|Holly 20*A|Krystal 10*A|Jamie 20*A|"
        "Courtney 30*A|Chelsea 20*A|Kristen 20*A|Kristin 10*A|Whitney 15*A|Caitlin 10*A|Kaitlyn 10|"
        "Katelyn 10*A|Mary-Kate 3*A|Olivia 120*K|Emma 120*K|Ava 90*K|Charlotte 60*K|Sophia 90*K|"
        "Amelia 60*K|Isabella 70*K|Mia 70*K|Evelyn 50*K|Harper 60*K|Avery 50*K|Ella 50*K|"
        "Scarlett 30*K|Chloe 50*K|Lily 50*K|Aubrey 40*K|Addison 40*K|Zoey 30*K|Brooklyn 40*K|"
        "Layla 30*K|Hailey 30*K|Haley 15*K|Kaylee 30*K|Paisley 25*K|Peyton 25*K|Riley 30*K|"
        "Savannah 25*K|Aria 20*K|Nora 20*K|Stella 20*K|Violet 20*K|Claire 15*K|Allison 20*K|"
        "Taylor 20*K|Makayla 15*K|Mikayla 10*K|Kylie 20*K|Morgan 15*K|Faith 15*K|Sydney 15*K|"
        "Lillian 15*K|Aubree 10*K|Everly 15*K|Willow 15*K|Hazel 15*K|Piper 10*K|Ruby 10*K|"
        "Sadie 10*K|Autumn 10*K|Rylee 10*K|Kennedy 10*K"
    ),
    ("B", "M"): (
        "Michael 100|James 80*A|Anthony 50|Christopher 60|Robert 50*A|William 40|David 40*A|"
        "Kevin 40*A|Brandon 50|Joshua 40|Jordan 40|Justin 40|Eric 30*A|Charles 30*A|Larry 20*A|"
        "Kenneth 20*A|Aaron 20*A|Willie 20*A|Tyrone 30*A|DeShawn 30*A|Darnell 30*A|Marcus 60|"
        "Terrell 30*A|Jamal 40*A|Andre 40*A|Lamar 20*A|Reginald 25*A|Cedric 20*A|Dwayne 20*A|"
        "Demetrius 20*A|Maurice 25*A|Jerome 20*A|Derrick 30*A|Darius 30|Antonio 20*A|Malik 30|"
        "Jermaine 25*A|Rashad 20*A|Kareem 15*A|D'Andre 10|Terrence 25*A|Curtis 20*A|Calvin 20*A|"
        "Leroy 10*A|Alvin 15*A|Xavier 20|Isaiah 30|Jayden 60*K|Jaylen 30*K|Jalen 30*K|Elijah 60*K|"
        "Josiah 40*K|Jeremiah 40*K|Malachi 30*K|Kingston 20*K|Amir 20*K|Zion 30*K|Khalil 20*K|"
        "Cameron 30*K|Christian 30*K|Aiden 30*K|Carter 20*K|Mason 30*K|Noah 30*K|Tyler 15*K|"
        "Jamari 15*K|Kayden 15*K|Dominic 10*K|Amari 20*K|Legend 10*K|King 10*K|Messiah 10*K|"
        "Camden 10*K"
    ),
    ("B", "F"): (
        "Tanisha 30*A|Latoya 40*A|Keisha 30*A|Shaniqua 15*A|Ebony 40*A|Tamika 30*A|Aisha 20|"
        "Monique 30*A|Yolanda 20*A|Lakisha 20*A|Tasha 20*A|Kiara 20|Shanice 20*A|Jasmine 50|"
        "Destiny 20|Brittany 40*A|Ashley 50*A|Jessica 40*A|Angela 40*A|Tiffany 40*A|Crystal 30*A|"
        "Kimberly 30*A|Stephanie 30*A|Danielle 30*A|Erica 30*A|Mary 40*A|Patricia 30*A|Linda 20*A|"
        "Dorothy 15*A|Shirley 15*A|Gloria 15*A|Denise 20*A|Felicia 25*A|Tonya 20*A|Vanessa 20*A|"
        "Whitney 15*A|Kendra 15*A|Imani 20|Jada 20|Octavia 10*A|Marquita 10*A|Raven 15*A|"
        "Precious 10*A|Aaliyah 50*K|Nevaeh 40*K|Zoe 30*K|Kennedy 30*K|Madison 30*K|Brooklyn 30*K|"
        "Amani 20*K|Makayla 20*K|Skylar 15*K|Londyn 15*K|Ariana 20*K|Gabrielle 20*K|Taylor 20*K|"
        "Trinity 20*K|Ava 20*K|Olivia 20*K|Chloe 20*K|Mia 15*K|Harmony 10*K|Serenity 15*K|"
        "Kamari 10*K|Zuri 10*K|Journee 10*K|Sanaa 10*K|Nyla 15*K|Layla 15*K|Amaya 15*K|Janiyah 10*K|"
        "Aliyah 10*K"
    ),
    ("H", "M"): (
        "José 250|Juan 200|Luis 150|Carlos 140|Jesús 90|Jorge 90*A|Miguel 100|Antonio 70*A|"
        "Francisco 80*A|Manuel 60*A|Pedro 50*A|Alejandro 60|Ricardo 50*A|Roberto 50*A|Fernando 40*A|"
        "Javier 50*A|Eduardo 40*A|Rafael 40*A|Raúl 30*A|Mario 30*A|Sergio 30*A|Víctor 30*A|"
        "Héctor 25*A|Arturo 25*A|Gerardo 25*A|Enrique 25*A|Óscar 25*A|Rubén 20*A|Alberto 20*A|"
        "Guillermo 20*A|Ramón 20*A|Martín 20*A|Ángel 30|Daniel 40|David 30|Armando 15*A|Alfredo 15*A|"
        "Ignacio 10*A|Gustavo 15*A|Julio 15*A|Andrés 15*A|Adrián 15|Rodolfo 10*A|Salvador 10*A|"
        "Santiago 10|Marco 10*A|Pablo 10*A|Joel 10*A|Omar 15*A|Cristian 15*A|Iván 10*A|Hugo 10*A|"
        "Felipe 10*A|Ernesto 10*A|Agustín 5*A|Efraín 5*A|Mateo 60*K|Sebastián 50*K|Matías 30*K|"
        "Diego 40*K|Alexander 40*K|Gael 30*K|Emiliano 25*K|Leonardo 30*K|Joshua 20*K|"
        "Christopher 30*K|Anthony 30*K|Jonathan 20*K|Kevin 20*K|Brandon 20*K|Bryan 20*K|Isaac 20*K|"
        "Julián 20*K|Nicolás 15*K|Tomás 10*K|Joaquín 15*K|Alan 15*K|Erick 15*K|Iker 15*K|"
        "Thiago 15*K|Aarón 10*K|Dylan 20*K|Ethan 20*K|Jayden 15*K|Liam 20*K|Noah 15*K|Elías 10*K|"
        "Josué 10*K|Uriel 10*K|Axel 15*K|Damián 15*K"
    ),
    ("H", "F"): (
        "María 300|Ana 80*A|Rosa 60*A|Carmen 50*A|Guadalupe 60|Juana 30*A|Verónica 40*A|"
        "Patricia 40*A|Alejandra 40|Gabriela 40|Adriana 40*A|Mónica 30*A|Claudia 40*A|Leticia 30*A|"
        "Yolanda 20*A|Elena 20|Dolores 15*A|Araceli 20*A|Esperanza 15*A|Margarita 20*A|Marisol 20*A|"
        "Maribel 20*A|Yesenia 25*A|Brenda 30*A|Sandra 30*A|Martha 25*A|Silvia 25*A|Norma 20*A|"
        "Laura 30*A|Elizabeth 30*A|Jessica 30*A|Karina 20*A|Diana 20*A|Cristina 20*A|Lucía 10|"
        "Beatriz 10*A|Rocío 15*A|Raquel 10*A|Noemí 10*A|Irma 15*A|Teresa 20*A|Blanca 15*A|"
        "Alicia 20*A|Angélica 20*A|Maricela 15*A|Lorena 20*A|Sonia 15*A|Susana 10*A|"
        "Concepción 5*A|Inés 5*A|Sofía 50*K|Valentina 40*K|Camila 50*K|Isabella 50*K|Ximena 30*K|"
        "Jimena 15*K|Natalia 30*K|Mía 20*K|Victoria 20*K|Valeria 30*K|Mariana 25*K|Daniela 30|"
        "Andrea 20*K|Fernanda 15*K|Paola 15*K|Alondra 15*K|Esmeralda 15*K|Dulce 10*K|Itzel 15*K|"
        "Jazmín 15*K|Belén 5*K|Genesis 20*K|Emily 30*K|Ashley 30*K|Melanie 25*K|Evelyn 20*K|"
        "Allison 15*K|Abigail 15*K|Nicole 15*K|Stephanie 15*K|Kimberly 20*K|Aaliyah 10*K|"
        "Luciana 15*K|Renata 10*K|Regina 10*K|Yaretzi 10*K|Daleyza 5*K|Citlali 5*K"
    ),
    ("A", "M"): (
        "Minh 30|Tuan 20*A|Huy 15|Nam 15|Duc 10*A|Hung 15*A|Khoa 10|Long 10*A|Thanh 15*A|Quang 10*A|"
        "Bao 10|Vinh 10*A|Wei 20|Jun 10|Ming 10*A|Hao 10|Min-jun 10*K|Ji-hoon 5|Sung 10*A|Raj 15*A|"
        "Arjun 15|Rahul 10|Amit 10*A|Sanjay 5*A|Mark 10*A|Kevin 20|David 20|Michael 20|Andrew 15|"
        "Daniel 20|Jason 15*A|Eric 15*A|Ryan 10|Jonathan 10|Tou 10*A|Kou 10*A|Jerome 5*A|"
        "Ethan 20*K|Lucas 10*K|Aiden 10*K|Kai 10*K"
    ),
    ("A", "F"): (
        "Linh 25|Lan 20*A|Mai 20|Thu 10*A|Ngoc 15*A|Hoa 15*A|Trang 15|Thao 15|Anh 15|Huong 10*A|"
        "Mei 15|Li 10*A|Yan 10*A|Ji-woo 5*K|Min-ji 5|Priya 20|Anjali 10|Pooja 10*A|Sunita 5*A|"
        "Jennifer 20*A|Michelle 15*A|Christine 15*A|Grace 15|Emily 15|Sophia 10*K|Angela 10*A|"
        "Maria 10*A|Kristine 5*A|Chloe 10*K|Emma 10*K|Tina 10*A"
    ),
    ("S", "M"): (
        "Mohamed 80|Ahmed 50|Abdi 40|Abdullahi 30|Hassan 30|Ali 30|Omar 25|Ibrahim 25|Yusuf 20|"
        "Abdirahman 20|Mustafa 10|Said 10|Khalid 10|Dawit 10*A|Tesfaye 5*A|Yonas 10|Bereket 5|"
        "Samuel 5"
    ),
    ("S", "F"): (
        "Fadumo 30|Amina 30|Halima 25|Hodan 20|Ayan 20|Asha 20|Sahra 15|Maryan 15|Ifrah 10|Hawa 15|"
        "Nimo 10|Fatima 25|Khadija 20|Hana 10|Mekdes 5*A|Selam 10|Tigist 5*A"
    ),
}

SURNAMES: dict[str, str] = {
    "W": (
        "Smith 828|Johnson 655|Williams 450|Brown 450|Jones 420|Miller 420|Davis 380|Wilson 300|"
        "Anderson 290|Taylor 280|Thomas 240|Moore 250|Martin 250|Jackson 180|Thompson 240|White 200|"
        "Harris 180|Clark 210|Lewis 190|Robinson 150|Walker 190|Young 180|Allen 180|King 180|"
        "Wright 170|Scott 160|Hill 160|Green 150|Adams 150|Baker 150|Nelson 150|Carter 130|"
        "Mitchell 140|Roberts 140|Turner 130|Phillips 130|Campbell 130|Parker 130|Evans 120|"
        "Edwards 120|Collins 120|Stewart 120|Morris 110|Murphy 110|Cook 110|Rogers 110|Morgan 100|"
        "Peterson 100|Petersen 30|Cooper 100|Reed 100|Reid 30|Bailey 100|Bell 100|Kelly 95|Howard 95|"
        "Ward 95|Cox 90|Richardson 90|Wood 90|Watson 90|Brooks 80|Bennett 85|Gray 85|Hughes 80|"
        "Price 80|Sanders 80|Myers 80|Long 80|Ross 80|Foster 75|Powell 75|Jenkins 75|Perry 75|"
        "Russell 75|Sullivan 70|Fisher 70|Henderson 70|Hamilton 65|Graham 65|Wallace 65|Cole 65|"
        "West 65|Owens 60|Reynolds 60|Ellis 60|Harrison 60|Gibson 60|McDonald 60|Marshall 55|"
        "Murray 55|Ford 55|Wells 55|Schmidt 55|Schneider 40|Meyer 50|Meier 10|Hoffman 45|Olson 55|"
        "Larson 45|Nielsen 30|Hansen 40|Christensen 35|Mueller 30|Becker 30|Wagner 35|Schultz 35|"
        "Klein 30|Weber 30|Koch 20|O'Brien 40|O'Connor 35|O'Neil 25|O'Donnell 15|McCarthy 35|"
        "McLaughlin 20|Van Der Berg 8|Van Dyke 15|Van Buren 8|De Vries 8|St. John 10|Fitzgerald 30|"
        "Kowalski 20|Nowak 15|Novak 20|Jablonski 10|Thomson 15|Smyth 5|Smith-Jones 4|Lindqvist 5"
    ),
    "B": (
        "Williams 400|Johnson 380|Smith 350|Jones 300|Brown 280|Jackson 250|Davis 240|Thomas 200|"
        "Harris 180|Robinson 160|Taylor 150|Wilson 140|Moore 130|White 120|Washington 150|"
        "Jefferson 60|Banks 50|Joseph 50|Freeman 50|Coleman 70|Simmons 60|Butler 60|Bryant 60|"
        "Mosley 30|Booker 30|Gaines 30|Pierre 25|Jean-Baptiste 10|Dorsey 30|Hairston 20|"
        "Alexander 50|Griffin 50|Dixon 40|Gordon 40|Holmes 40|Battle 20|Ivory 10|Carter 80|"
        "Green 60|Lewis 60|Walker 60|Hall 60|Allen 50|Young 50|King 50|Wright 40|Scott 50|"
        "Mitchell 40|Parker 40|Evans 40|Edwards 40|Campbell 30|Turner 40|Hill 50|Adams 40|"
        "Baker 30|Nelson 30|Reed 30|Watkins 30|Marshall 30|McDaniel 20|Boyd 30|Hayes 30|Bell 30"
    ),
    "H": (
        "García 1100|Rodríguez 700|Martínez 650|Hernández 650|López 600|González 550|Pérez 400|"
        "Sánchez 400|Ramírez 350|Torres 300|Flores 300|Rivera 280|Gómez 250|Díaz 250|Cruz 220|"
        "Reyes 220|Morales 200|Gutiérrez 180|Ortiz 170|Chávez 170|Ramos 160|Ruiz 150|Jiménez 140|"
        "Mendoza 140|Álvarez 130|Castillo 130|Vásquez 100|Vázquez 40|Romero 120|Herrera 120|"
        "Medina 110|Aguilar 110|Vargas 100|Guzmán 90|Muñoz 90|Peña 80|Núñez 70|Castro 90|"
        "Fernández 80|Moreno 90|Delgado 80|Ortega 80|Sandoval 70|Salazar 70|Contreras 70|Luna 60|"
        "Domínguez 60|Estrada 60|Ríos 60|Ibarra 40|Soto 60|Juárez 50|Valdez 70|Maldonado 50|"
        "Cervantes 40|Montoya 50|Espinoza 50|Trujillo 50|Lucero 40|Archuleta 30|De La Cruz 60|"
        "De León 40|Del Río 15|De Jesús 25|De La Rosa 30|De Los Santos 15|Villalobos 20|Zamora 30|"
        "Quintana 30|Gallegos 40|Vigil 30|Córdova 40|Baca 25|Padilla 40|Chacón 20|Garza 50|"
        "Cantú 20|Navarro 40|Rosales 30|Acosta 40|Campos 40|Vega 50|Mejía 40|Ochoa 30|Cabrera 30|"
        "Carrillo 30|Fuentes 30|Orozco 30|Bañuelos 10|Magaña 15|Avilés 10|Gonzales 60|"
        "Hernandes 5|Rodrigues 10"
    ),
    "A": (
        "Nguyen 300|Tran 120|Le 90|Pham 80|Huynh 40|Hoang 30|Vo 30|Dang 25|Bui 25|Do 20|Kim 150|"
        "Lee 150|Park 80|Choi 40|Chen 120|Wang 100|Li 90|Zhang 80|Liu 80|Yang 60|Huang 50|Wu 40|"
        "Lin 40|Patel 150|Singh 100|Shah 40|Kumar 40|Santos 50|Bautista 30|Dela Cruz 30|"
        "Villanueva 20|Vang 40|Xiong 30|Thao 20|Lor 15"
    ),
    "S": (
        "Mohamed 80|Ahmed 70|Ali 70|Hassan 50|Abdi 40|Omar 30|Osman 30|Ibrahim 30|Yusuf 25|"
        "Warsame 15|Farah 25|Abdullahi 20|Mohamud 20|Tesfaye 15|Haile 15|Bekele 10|Girma 10|"
        "Al-Sayed 5|El-Amin 5"
    ),
}

#: middle names for groups that use Anglo middle names (W, B)
MIDDLE_NAMES: dict[str, str] = {
    "M": (
        "Michael 60|James 60|Lee 40|Allen 25|Wayne 20|Ray 20|Joseph 40|David 40|Edward 20|"
        "Thomas 25|Alexander 25|Dean 10|Scott 15|Paul 20|Robert 25|William 25|John 25|Anthony 25|"
        "Christopher 15|Matthew 15|Andrew 15|Daniel 15|Ryan 10|Jacob 10|Lamont 5|Dwayne 5"
    ),
    "F": (
        "Marie 70|Ann 40|Anne 20|Lynn 40|Elizabeth 40|Nicole 30|Michelle 25|Renee 20|Rose 25|"
        "Jean 15|Lee 10|Grace 15|Louise 10|Mae 10|Kay 10|Jo 8|Dawn 10|Sue 10|Elaine 8|"
        "Christine 10|Leigh 8|Faith 6|Hope 6|Danielle 8|Jane 10|Denise 8|Kathleen 8|Monique 5"
    ),
}
#: probability a person of the group has a middle name
MIDDLE_SHARE: dict[str, float] = {"W": 0.85, "B": 0.80, "H": 0.45, "A": 0.40, "S": 0.85}
#: Vietnamese-style middle names for group A (others in A have none or an Anglo one)
ASIAN_MIDDLE: dict[str, tuple[str, ...]] = {"M": ("Van", "Duc", "Minh"), "F": ("Thi", "Ngoc", "Thanh")}

NAME_SUFFIXES: tuple[str, ...] = ("JR", "SR", "II", "III", "IV")

#: Common nicknames, preferred over the long tail of the ``nicknames`` package.
COMMON_NICKNAMES: dict[str, tuple[str, ...]] = {
    "william": ("bill", "will", "billy", "willie"), "robert": ("bob", "bobby", "rob", "robbie"),
    "michael": ("mike", "mikey"), "james": ("jim", "jimmy", "jamie"),
    "john": ("jack", "johnny"), "joseph": ("joe", "joey"), "richard": ("rick", "dick", "rich"),
    "thomas": ("tom", "tommy"), "charles": ("charlie", "chuck"), "christopher": ("chris",),
    "daniel": ("dan", "danny"), "matthew": ("matt",), "anthony": ("tony",),
    "donald": ("don", "donnie"), "steven": ("steve",), "stephen": ("steve",), "andrew": ("andy", "drew"),
    "joshua": ("josh",), "kenneth": ("ken", "kenny"), "timothy": ("tim", "timmy"),
    "edward": ("ed", "eddie", "ted"), "jeffrey": ("jeff",), "nicholas": ("nick",),
    "jonathan": ("jon", "johnny"), "benjamin": ("ben", "benny"), "samuel": ("sam", "sammy"),
    "gregory": ("greg",), "alexander": ("alex", "xander"), "raymond": ("ray",),
    "patrick": ("pat",), "zachary": ("zach", "zack"), "nathan": ("nate",), "douglas": ("doug",),
    "gerald": ("jerry",), "lawrence": ("larry",), "theodore": ("ted", "teddy", "theo"),
    "mary": ("molly", "mae"), "patricia": ("pat", "patty", "trish"), "jennifer": ("jen", "jenny"),
    "elizabeth": ("liz", "beth", "betsy", "lizzie"), "barbara": ("barb",), "susan": ("sue", "susie"),
    "jessica": ("jess", "jessie"), "margaret": ("maggie", "peggy", "meg"), "kimberly": ("kim",),
    "deborah": ("deb", "debbie"), "debra": ("deb", "debbie"), "rebecca": ("becky", "becca"),
    "katherine": ("kate", "kathy", "katie"), "catherine": ("cathy", "kate"),
    "kathryn": ("kate", "katie"), "christine": ("chris", "chrissy"), "christina": ("tina", "chris"),
    "samantha": ("sam", "sammy"), "victoria": ("vicky", "tori"), "jacqueline": ("jackie",),
    "abigail": ("abby",), "alexandra": ("alex",), "alexis": ("lexi",), "pamela": ("pam",),
    "cynthia": ("cindy",), "sandra": ("sandy",), "kathleen": ("kathy", "kate"),
    "stephanie": ("steph",), "amanda": ("mandy",), "melissa": ("missy", "mel"),
    "isabella": ("bella", "izzy"), "olivia": ("liv",), "madison": ("maddie",),
    "jesús": ("chuy",), "josé": ("pepe",), "francisco": ("paco", "pancho", "frank"),
    "guadalupe": ("lupe", "lupita"), "enrique": ("kike",), "alejandro": ("alex",),
    "alejandra": ("alex", "ale"), "roberto": ("beto",), "alberto": ("beto",), "guillermo": ("memo",),
    "eduardo": ("lalo",), "ignacio": ("nacho",), "dolores": ("lola",), "concepción": ("concha",),
    "manuel": ("manny",), "antonio": ("tony", "toño"), "ricardo": ("ricky", "rick"),
    "gerardo": ("jerry",), "margarita": ("margie",), "fernando": ("nando",), "javier": ("javi",),
    "santiago": ("santi",), "sebastián": ("sebas",), "valentina": ("vale",), "natalia": ("naty",),
    "maría": ("mari",), "mohamed": ("mo",), "abdullahi": ("abdi",), "abdirahman": ("abdi",),
}

#: Phonetic / alternative spellings of the same name (each tuple is one equivalence group).
SPELLING_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("John", "Jon"), ("Katherine", "Catherine", "Kathryn", "Kathrine"), ("Steven", "Stephen"),
    ("Jeffrey", "Geoffrey", "Jeffery"), ("Sarah", "Sara"), ("Ann", "Anne"), ("Brian", "Bryan"),
    ("Alan", "Allen", "Allan"), ("Eric", "Erik", "Erick"), ("Philip", "Phillip"), ("Mark", "Marc"),
    ("Carl", "Karl"), ("Kristen", "Kristin", "Kristine"), ("Jasmine", "Jazmin", "Jazmine"),
    ("Ashley", "Ashlee", "Ashleigh"), ("Aaliyah", "Aliyah", "Aliya"), ("Isabel", "Isabelle"),
    ("Jayden", "Jaden", "Jaiden"), ("Aiden", "Aidan", "Ayden"), ("Caitlin", "Kaitlyn", "Katelyn"),
    ("Makayla", "Mikayla", "Michaela"), ("Nicolas", "Nicholas", "Nickolas"), ("Ximena", "Jimena"),
    ("Yesenia", "Jessenia"), ("Mohamed", "Mohammed", "Muhammad"), ("Teresa", "Theresa"),
    ("Haley", "Hailey", "Hayley"), ("Kaylee", "Kayleigh", "Kailey"), ("Shawn", "Sean", "Shaun"),
    ("Tonya", "Tanya"), ("Cristian", "Christian"), ("Cristina", "Christina"), ("Erica", "Erika"),
    ("Rachel", "Rachael"), ("Madeline", "Madelyn"), ("Zoey", "Zoe"), ("Brittany", "Britney"),
    ("Vanessa", "Venessa"), ("Andre", "Andray"), ("DeShawn", "Deshawn", "Dashawn"),
    ("Jalen", "Jaylen", "Jaylin"), ("Abdi", "Abdie"), ("Fadumo", "Faduma"), ("Sahra", "Sarah"),
    ("Maryan", "Mariam"), ("Minh", "Min"),
    # surnames
    ("Smith", "Smyth"), ("Thompson", "Thomson"), ("Peterson", "Petersen"), ("Reed", "Reid"),
    ("Gray", "Grey"), ("Meyer", "Meier", "Myers"), ("Nielsen", "Nielson"), ("Olson", "Olsen"),
    ("Hernández", "Hernandes"), ("González", "Gonzales"), ("Rodríguez", "Rodrigues"),
    ("Vásquez", "Vázquez", "Vasques"), ("Mohamed", "Mohammed"), ("Ahmed", "Ahmad"),
    ("Nguyen", "Nguen"), ("Schmidt", "Schmitt"), ("Schultz", "Schulz"), ("Jablonski", "Yablonski"),
    ("McDonald", "MacDonald"), ("O'Neil", "O'Neill"), ("Córdova", "Cordoba"), ("Baca", "Vaca"),
    ("Chávez", "Chaves"), ("Juárez", "Juares"), ("Ibarra", "Ybarra"),
)

#: surname particles (collapsed by some sources: ``De La Cruz`` -> ``DELACRUZ``)
PARTICLES: frozenset[str] = frozenset({"de", "del", "la", "las", "los", "van", "der", "von", "st.", "dela", "el", "al"})

#: QWERTY neighbours, for realistic one-key substitution typos
KEYBOARD_NEIGHBOURS: dict[str, str] = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}

# --- geography (Colorado counties: state FIPS 08, so leading zeros matter) -------------------
#: (city, county_fips, weight, zips)
CITIES: tuple[tuple[str, str, float, tuple[str, ...]], ...] = (
    ("Denver", "08031", 20.0, ("80203", "80204", "80205", "80207", "80209", "80210", "80211",
                              "80212", "80216", "80218", "80219", "80220", "80223", "80224",
                              "80227", "80236", "80237", "80239")),
    ("Aurora", "08005", 11.0, ("80010", "80011", "80012", "80013", "80014", "80015", "80017")),
    ("Colorado Springs", "08041", 14.0, ("80903", "80904", "80905", "80906", "80907", "80909",
                                         "80910", "80911", "80915", "80916", "80917", "80918")),
    ("Pueblo", "08101", 6.0, ("81001", "81003", "81004", "81005", "81006", "81008")),
    ("Greeley", "08123", 5.0, ("80631", "80634")),
    ("Fort Collins", "08069", 4.0, ("80521", "80524", "80525", "80526")),
    ("Loveland", "08069", 2.0, ("80537", "80538")),
    ("Grand Junction", "08077", 3.5, ("81501", "81503", "81504", "81505")),
    ("Lakewood", "08059", 4.0, ("80214", "80215", "80226", "80228", "80232")),
    ("Arvada", "08059", 3.0, ("80002", "80003", "80004", "80005")),
    ("Westminster", "08001", 3.0, ("80030", "80031")),
    ("Thornton", "08001", 3.5, ("80229", "80233", "80241")),
    ("Commerce City", "08001", 2.5, ("80022",)),
    ("Brighton", "08001", 1.5, ("80601",)),
    ("Boulder", "08013", 2.0, ("80301", "80302", "80303", "80304")),
    ("Longmont", "08013", 2.5, ("80501", "80503", "80504")),
    ("Englewood", "08005", 1.5, ("80110", "80113")),
    ("Littleton", "08005", 1.5, ("80120", "80122")),
    ("Durango", "08067", 1.0, ("81301", "81303")),
    ("Alamosa", "08003", 1.0, ("81101",)),
    ("Trinidad", "08071", 0.8, ("81082",)),
    ("Sterling", "08075", 0.7, ("80751",)),
    ("Fort Morgan", "08087", 0.8, ("80701",)),
    ("Cañon City", "08043", 1.0, ("81212",)),
    ("Montrose", "08085", 1.0, ("81401",)),
    ("La Junta", "08089", 0.6, ("81050",)),
    ("Lamar", "08099", 0.5, ("81052",)),
)

STREETS: tuple[str, ...] = (
    "Main St", "Oak St", "Maple Ave", "Elm St", "Pine St", "Cedar St", "E Colfax Ave",
    "W Colfax Ave", "Federal Blvd", "S Broadway", "W Alameda Ave", "E Mississippi Ave",
    "E Evans Ave", "W Jewell Ave", "W Florida Ave", "Sheridan Blvd", "Wadsworth Blvd",
    "Academy Blvd", "E Platte Ave", "Union Ave", "Northern Ave", "Santa Fe Dr", "Lincoln St",
    "Washington St", "Jefferson St", "Madison St", "Monroe St", "Adams St", "Jackson St",
    "Grant St", "Sherman St", "Logan St", "Pennsylvania St", "Pearl St", "Race St", "Vine St",
    "York St", "Josephine St", "Columbine St", "Clayton St", "Fillmore St", "Steele St",
    "Garfield St", "Harrison St", "Holly St", "Quebec St", "Havana St", "Peoria St",
    "Chambers Rd", "Tower Rd", "Buckley Rd", "W 1st Ave", "E 6th Ave", "W 10th Ave",
    "E 17th Ave", "W 26th Ave", "W 38th Ave", "E 40th Ave", "N Nevada Ave", "S Prairie Ave",
    "Aspen Ct", "Spruce Way", "Juniper Ln", "Willow Dr", "Cottonwood Dr", "Sunset Dr",
    "Mesa Dr", "Ridge Rd", "Hillside Ave", "Valley View Dr", "Lakeview Dr", "Meadow Ln",
    "Prairie Rd", "Ranch Rd", "County Road 12", "Calle Bonita", "Avenida del Sol",
    "Martin Luther King Jr Blvd", "Dr. Martin Luther King Blvd", "O'Neil Ave",
)

# --- program reference data -----------------------------------------------------------------
LANGUAGES_BY_GROUP: dict[str, tuple[tuple[str, float], ...]] = {
    "W": (("en", 0.985), ("ru", 0.01), ("fr", 0.005)),
    "B": (("en", 0.97), ("fr", 0.02), ("ht", 0.01)),
    "H": (("es", 0.55), ("en", 0.45)),
    "A": (("vi", 0.40), ("en", 0.30), ("zh", 0.12), ("ko", 0.08), ("tl", 0.05), ("hi", 0.05)),
    "S": (("so", 0.60), ("ar", 0.15), ("am", 0.15), ("en", 0.10)),
}

NAICS2: tuple[tuple[str, float], ...] = (
    ("44", 10), ("45", 6), ("72", 16), ("62", 14), ("56", 10), ("23", 7), ("31", 3), ("32", 2),
    ("33", 3), ("48", 4), ("49", 3), ("61", 4), ("81", 4), ("54", 3), ("52", 2), ("53", 2),
    ("92", 3), ("11", 1), ("42", 2), ("51", 1),
)

ECE_NAME_A: tuple[str, ...] = (
    "Little Stars", "Bright Beginnings", "Sunshine", "Rainbow", "Tiny Tots", "Happy Hearts",
    "Kid's Corner", "Building Blocks", "Growing Minds", "Little Sprouts", "Kinder Care",
    "ABC", "Discovery", "First Steps", "Mountain View", "Aspen", "Cottonwood", "Abuela's",
    "Los Niños", "Mi Casita", "Creative Kids", "Busy Bees", "Learning Tree", "Sonrisas",
)
ECE_NAME_B: tuple[str, ...] = (
    "Learning Center", "Child Care", "Early Learning", "Preschool", "Family Child Care Home",
    "Academy", "Child Development Center", "Daycare", "Head Start", "Montessori",
)

ICD10: dict[str, tuple[str, ...]] = {
    "WELL_CHILD": ("Z00.129", "Z00.121", "Z00.110", "Z00.111", "Z23"),
    "PRIMARY_CARE": ("J06.9", "E11.9", "I10", "J02.9", "H66.90", "L30.9", "R51.9", "M54.50"),
    "PRENATAL": ("Z34.90", "Z34.80", "Z34.00", "O09.90", "O26.899"),
    "ED_VISIT": ("S09.90XA", "R10.9", "J45.901", "S93.401A", "R07.9", "T78.40XA", "S61.219A"),
    "INPATIENT": ("O80", "J18.9", "A41.9", "K35.80", "F32.2", "J45.52"),
    "BEHAVIORAL_HEALTH": ("F32.9", "F41.1", "F90.0", "F43.10", "F33.1", "F10.20", "F11.20"),
    "PHARMACY": ("",),
}
